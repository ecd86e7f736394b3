from cleaning.normalize.repeated_lines import RepeatedLinesStep, learn_repeated_lines
from tests.cleaning.test_chain import make_doc

BODY = "A long paragraph about the county government micro-blog that answers residents every day, number {n}."


def texts(n):
    return [f"{BODY.format(n=i)}\n\nScan the QR code to follow us on WeChat\n\nUnique line {i}" for i in range(n)]


def test_template_lines_are_learned_and_removed_with_a_count():
    repeated = learn_repeated_lines(texts(10))
    assert repeated == {"scan the qr code to follow us on wechat"}
    doc = make_doc(None)
    doc.text = texts(1)[0]
    RepeatedLinesStep(repeated)(doc)
    assert "QR code" not in doc.text and doc.cleaning_counts["repeated_lines"] == 1


def test_few_pages_or_long_shared_paragraphs_are_not_template():
    assert learn_repeated_lines(texts(2)) == frozenset()  # fewer than three pages: nothing learned
    reprint = "A long shared paragraph of a story reprinted by several pages of the same site in one run, " * 2
    assert learn_repeated_lines([reprint + f"\n\nend {i}" for i in range(10)]) == frozenset()
