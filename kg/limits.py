"""What a query is allowed unless told otherwise, on `kg query` and `kg serve`. Plain numbers,
so that the commands state them without loading what runs queries."""

# 60 s is 20× the slowest library query on a 1M-triple store (co-attendance, 3.0 s).
QUERY_TIMEOUT = 60.0
# A million rows of three terms hold about 600 MB as Python objects.
QUERY_MAX_ROWS = 1_000_000
# The endpoint's largest answer: the page shows 1,000 rows; 100 MB of SPARQL JSON is about
# 400,000 rows of the library's queries.
SERVE_MAX_RESULT_BYTES = 100 * 2**20
