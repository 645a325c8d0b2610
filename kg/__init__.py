"""kg: knowledge graphs from Chinese local government news.

The pipeline, one module a stage: reading → layout → articles → extractors →
resolve → graph → export / store / view / query.
"""

__version__ = "0.1.0"
