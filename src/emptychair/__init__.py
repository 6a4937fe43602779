"""emptychair: who actually shows up at international meetings.

The data flow: a reader (``emptychair.sources``) yields Documents; ``extract``
turns each into Claims with evidence; ``store`` keeps both; ``reconcile`` folds
claims into one record per meeting; ``analyze`` finds streaks and base rates;
the CLI and the web layer present what the library returns.
"""

from emptychair.extract import extract
from emptychair.model import Claim, Document, Source

__all__ = ["Claim", "Document", "Source", "extract"]
__version__ = "0.1.0"
