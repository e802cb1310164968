# Test kernels keep no history database inside the repository.
c = get_config()  # noqa: F821
c.HistoryManager.enabled = False
