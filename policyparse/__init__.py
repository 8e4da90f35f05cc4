"""policyparse: Chinese government policy documents -> validated JSON.

    >>> import policyparse
    >>> doc = policyparse.parse("samples/wujiang_silk_2021.txt")
    >>> doc.notice.date
    '2021-01-20'
"""
import logging

from .api import Options, parse
from .errors import PolicyParseError
from .schema import PolicyDocument

__version__ = "0.2.0"
ParseResult = PolicyDocument

__all__ = ["parse", "Options", "PolicyDocument", "ParseResult", "PolicyParseError", "__version__"]

logging.getLogger(__name__).addHandler(logging.NullHandler())
