"""schemathesis hooks for the contract run's stateful pass (scripts/contract.sh).

The sign-in of `hooks`, and one more rule: a list (a GET without path parameters) is asked for
without its optional filters, so that it answers the demo province's objects and a chain of
calls can start from the first of them (the document's links go from a page's first item to
the operations on it). Random filters almost always answer an empty page. The pass runs in
positive mode only: a request the hook changed is still one the document allows. Every
filter is exercised, valid and invalid, by the first pass.
"""

import schemathesis

from hooks import SignIn  # noqa: F401  (registers the sign-in)


@schemathesis.hook
def map_query(context, query):
    operation = context.operation
    if operation is None or operation.method.upper() != "GET" or "{" in operation.path:
        return query
    required = {p.name for p in operation.query if p.is_required}
    return {name: value for name, value in (query or {}).items() if name in required}
