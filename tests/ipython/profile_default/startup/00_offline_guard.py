# Kernels started by the test run (IPYTHONDIR points here) refuse every non-loopback connection.
import os

if os.environ.get("BERT_LAB_BLOCK_NETWORK") == "1":
    from bertviz_lite.offline import block_network

    block_network()
