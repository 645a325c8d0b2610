"""Text: read files, repair newspaper layout, split articles (headline, byline, date)."""
