"""Link finders: what a sitemap or a feed points at. Spiders decide what to fetch."""
