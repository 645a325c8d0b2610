"""Build: orchestration of a build, per-file shards, worker processes, a Dask cluster."""
