"""Spider classes. ``site.py`` makes one spider per profile in ``spiders/sites/``: ``scrapy crawl chinadaily``."""
