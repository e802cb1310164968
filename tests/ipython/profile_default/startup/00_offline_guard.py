# Kernels started by the test run (IPYTHONDIR points here) refuse every non-loopback connection.
import os
import sys

if os.environ.get("BERT_LAB_BLOCK_NETWORK") == "1":
    sys.path.insert(0, os.path.join(os.environ["IPYTHONDIR"], os.pardir))  # tests/, where the guard lives
    from offline_guard import block_network

    block_network()
    sys.path.pop(0)
