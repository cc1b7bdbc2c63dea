"""Repositories: explicit, named queries per aggregate, returning `storage.records`."""
