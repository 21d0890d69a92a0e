"""The client's address: one answer for the login lockout, the rate limits and the request log.

Behind reverse proxies, each proxy appends the address it was reached from to
X-Forwarded-For, so with TRUSTED_PROXY_COUNT proxies the client's address is that many entries
from the right; anything to their left was written by the client and proves nothing. The
header is believed only from a peer inside TRUSTED_PROXY_NETWORKS, so a client that reaches the
app directly cannot choose its own address. This is the rule of DRF's NUM_PROXIES, with the
peer check added; django-ipware's proxy_count counts the proxies listed in the header rather
than those in front of the app, and answers None for a single proxy's clean header.
"""

import ipaddress

from django.conf import settings


def client_ip(request):
    """The client's IP address as text, or None when the request carries no usable one."""
    peer = _address(request.META.get("REMOTE_ADDR", ""))
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if peer is None or not count or not forwarded or not _is_proxy(peer):
        return str(peer) if peer is not None else None
    hops = [hop.strip() for hop in forwarded.split(",")]
    # A chain shorter than the proxies in front is a misconfiguration; its first hop is then
    # the furthest address any of our proxies saw.
    claimed = _address(hops[-min(count, len(hops))])
    return str(claimed) if claimed is not None else str(peer)


def _is_proxy(peer):
    return any(peer in network for network in settings.TRUSTED_PROXY_NETWORKS)


def _address(text):
    try:
        return ipaddress.ip_address(text.strip().removeprefix("[").split("]")[0])
    except ValueError:
        return None
