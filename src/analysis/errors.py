"""The project's error types, importable without pandas (the CLI's fast path needs that)."""


class DataError(ValueError):
    """Input that cannot be used at all; the message is one line naming the file."""


class ParameterError(ValueError):
    """Options or notebook parameters that cannot work; one line says which and why."""
