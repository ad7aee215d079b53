"""Keep every library we load off the network.

Hugging Face, transformers and Gradio look for these variables when they are imported, so this
module is imported (and `ensure_offline()` called) before any of them.
"""

import os

_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
}


def ensure_offline() -> None:
    """Forbid hub downloads and telemetry before a heavy library is imported."""
    for key, value in _OFFLINE_ENV.items():
        os.environ[key] = value
