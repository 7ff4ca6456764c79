"""moto_server as the tests run it: requests served one at a time, and S3 signatures checked as AWS checks them.

Usage: python3 server.py -H 127.0.0.1 -p PORT   (the arguments of moto_server)

One at a time: moto's server answers on several threads, and its conditional writes (S3 If-None-Match / If-Match,
DynamoDB ConditionExpression) check and write without a lock, so two racing conditional writes can both succeed, which
AWS never allows. Serving one request at a time makes each check-and-write atomic, as on AWS.

Signatures (matters with IAM enforced, INITIAL_NO_AUTH_ACTION_COUNT): moto 5.x in server mode recomputes a request's SigV4 signature from the URL after its query string was percent-decoded,
so a signed ListObjectsV2 with prefix=a%2Fb%2F is checked as prefix=a/b/ and refused (SignatureDoesNotMatch) although
AWS accepts it. This re-encodes each query name and value as SigV4's canonical request requires (RFC 3986, unreserved
characters kept) before moto checks the signature. Nothing else changes: actions and resources are authorized by moto.
"""
import sys
import threading
from urllib.parse import quote, unquote

from moto.iam import access_control
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.server import main

_create_aws_request = access_control.IAMRequestBase._create_aws_request


def _canonical_path(path):
    base, _, query = path.partition("?")
    if not query:
        return path
    pairs = []
    for part in query.split("&"):
        name, sep, value = part.partition("=")
        pairs.append(quote(unquote(name), safe="-_.~") + sep + quote(unquote(value), safe="-_.~"))
    return base + "?" + "&".join(pairs)


def _create_aws_request_with_encoded_query(self):
    self._path = _canonical_path(self._path)
    return _create_aws_request(self)


access_control.IAMRequestBase._create_aws_request = _create_aws_request_with_encoded_query

_one_at_a_time = threading.Lock()
_dispatch = DomainDispatcherApplication.__call__


def _dispatch_one_at_a_time(self, environ, start_response):
    with _one_at_a_time:
        # The whole response is produced inside the lock (moto's responses are complete bodies, not streams).
        return list(_dispatch(self, environ, start_response))


DomainDispatcherApplication.__call__ = _dispatch_one_at_a_time

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
