"""A plain Scrapy project: discovers and fetches pages, archives them as WARC + page records. Never cleans."""
