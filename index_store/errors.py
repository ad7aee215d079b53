"""Errors a user can cause and fix.

Every layer raises these so the CLI and the web chat can show one sentence that says what to do,
instead of a traceback. They live in the lowest layer so every package can import them.
"""


class FedqaError(Exception):
    """An error whose message tells the user what to do about it."""


class DataDirError(FedqaError):
    """The data folder cannot be created or written."""


class ModelNotFoundError(FedqaError):
    """The embedding model is not installed where the settings say."""


class NotIngestedError(FedqaError):
    """A question was asked before any document was ingested."""


class QuestionError(FedqaError):
    """The question is empty or too long to be a question."""


class SettingsError(FedqaError):
    """A setting names something fedqa does not have (a check id, say)."""


class StoreError(FedqaError):
    """The vector store cannot be opened or is inconsistent."""
