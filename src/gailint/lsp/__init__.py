"""The language server (`gailint lsp`), for editors. Needs pygls: the ``lsp`` extra
(``pip install ".[lsp]"`` in a checkout).

`server` wires pygls to the runner; `positions` converts offsets to the
negotiated position encoding; `actions` builds code actions; `relations`
explains table totals on hover.
"""
