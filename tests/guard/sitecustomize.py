"""Installs the network guard at startup of processes run with RETURNEE_NETWORK_GUARD=1.

Tests start subprocesses (gunicorn, worker) with `network_guard.guarded_env(...)`, which puts
this directory first on PYTHONPATH so Python imports this file as `sitecustomize`.
"""

import os

if os.environ.get("RETURNEE_NETWORK_GUARD") == "1":
    import network_guard

    network_guard.install()
