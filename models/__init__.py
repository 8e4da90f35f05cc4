"""Data artifacts of policyparse (shipped as the ``policyparse.models`` package).

Each file here is rebuilt by a committed script from committed source data; see README.md.
"""
