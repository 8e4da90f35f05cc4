"""policyparse: Chinese government policy documents -> validated JSON.

    >>> import policyparse
    >>> doc = policyparse.parse("samples/wujiang_silk_2021.txt")
    >>> doc.notice.date
    '2021-01-20'
"""
import logging

from policyparse._version import __version__
from policyparse.api import Options, parse
from policyparse.errors import PolicyParseError
from policyparse.schema import PolicyDocument

ParseResult = PolicyDocument

__all__ = ["parse", "Options", "PolicyDocument", "ParseResult", "PolicyParseError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
