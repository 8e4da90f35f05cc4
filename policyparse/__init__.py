"""policyparse: Chinese government policy documents -> validated JSON.

    >>> import policyparse
    >>> doc = policyparse.parse("samples/wujiang_silk_2021.txt")
    >>> doc.notice.date
    '2021-01-20'
"""
import logging

# The diff stage is the package ``policyparse.diff``; the name ``policyparse.diff`` is the function.
# Loading the (light) package first means a later import of its modules cannot rebind the name.
import policyparse.diff  # noqa: E402,F401,I001
from policyparse._version import __version__
from policyparse.api import Options, diff, parse
from policyparse.errors import PolicyParseError
from policyparse.schema import PlanDiff, PolicyDocument

ParseResult = PolicyDocument

__all__ = ["parse", "diff", "PlanDiff", "Options", "PolicyDocument", "ParseResult", "PolicyParseError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
