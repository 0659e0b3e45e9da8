"""Shared machinery for every vendor: storage, time, randomness, errors, auth, paging.

Nothing in ``app.core`` imports ``app.vendors``.
"""
