"""The offline HTML view: the whole graph or one neighbourhood read from a store."""
