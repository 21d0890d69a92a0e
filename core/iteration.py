"""Iterating in chunks: the one `batched` the exports and the bulk writes share."""

from itertools import islice


def batched(iterable, size):
    """Tuples of up to `size` items (itertools.batched arrives only in Python 3.12)."""
    iterator = iter(iterable)
    while chunk := tuple(islice(iterator, size)):
        yield chunk
