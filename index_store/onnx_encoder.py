"""The same sentence-transformers model run by ONNX Runtime, optionally with int8 weights.

A faster CPU path for `FEDQA_EMBED_BACKEND=onnx` or `onnx-int8`. sentence-transformers has an
ONNX backend, but it needs `optimum-onnx`, which pins transformers below the version this project
uses; ONNX Runtime itself is already installed (chromadb depends on it). So the model is exported
once with `torch.onnx.export`, quantized with ONNX Runtime's own `quantize_dynamic`, cached in the
data folder, and run here with the model's tokenizer and its pooling (mean or CLS) and
normalization, which is all sentence-transformers does around the transformer for these models.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import warnings
from pathlib import Path

import numpy as np

from index_store.errors import FedqaError

log = logging.getLogger(__name__)

BACKENDS = ("auto", "torch", "onnx", "onnx-int8")


class BackendError(FedqaError):
    """The ONNX backend cannot run this model."""


def _pooling(model_path: Path) -> str:
    try:
        config = json.loads((model_path / "1_Pooling" / "config.json").read_text())
    except (OSError, ValueError):
        return "mean"
    if config.get("pooling_mode_mean_tokens"):
        return "mean"
    if config.get("pooling_mode_cls_token"):
        return "cls"
    raise BackendError(
        f"The model at {model_path} pools its tokens in a way the ONNX backend does not "
        "support (only mean and CLS pooling). Set FEDQA_EMBED_BACKEND=torch."
    )


def _max_length(model_path: Path) -> int:
    try:
        config = json.loads((model_path / "sentence_bert_config.json").read_text())
        return int(config.get("max_seq_length", 256))
    except (OSError, ValueError):
        return 256


def onnx_file(model_path: Path, cache_dir: Path, quantized: bool) -> Path:
    """The exported (and maybe quantized) model, made on first use and cached by content."""
    weights = next(
        (
            model_path / n
            for n in ("model.safetensors", "pytorch_model.bin")
            if (model_path / n).exists()
        ),
        None,
    )
    if weights is None:
        raise BackendError(f"No model weights in {model_path}; set FEDQA_EMBED_BACKEND=torch.")
    stat = weights.stat()
    key = hashlib.sha256(f"{weights.resolve()}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    folder = cache_dir / key.hexdigest()[:16]
    plain = folder / "model.onnx"
    int8 = folder / "model.int8.onnx"
    if not plain.exists():
        _export(model_path, plain)
    if quantized and not int8.exists():
        from onnxruntime.quantization import QuantType, quantize_dynamic

        tmp = _private_temp(int8)
        # Per-channel weights of the matrix products only: per-tensor int8 moves some
        # sentence vectors to cosine 0.87 of the original, per-channel keeps them above 0.98.
        quantize_dynamic(
            str(plain),
            str(tmp),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )
        tmp.replace(int8)
    return int8 if quantized else plain


def _private_temp(target: Path) -> Path:
    """A temporary name no other process uses: two first runs may export at the same time."""
    return target.with_name(f"{target.stem}.{os.getpid()}.{threading.get_ident()}.tmp")


def _export(model_path: Path, target: Path) -> None:
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()

    log.info("exporting %s to ONNX (once)", model_path)

    class LastHiddenState(torch.nn.Module):
        """Only the tensors the encoder needs, by name: the exporter passes them positionally,
        which transformers' keyword-heavy forward() does not accept."""

        def __init__(self) -> None:
            super().__init__()
            self.model = AutoModel.from_pretrained(str(model_path), local_files_only=True)

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state

    model = LastHiddenState().eval()
    target.parent.mkdir(parents=True, exist_ok=True)
    ids = torch.ones((2, 16), dtype=torch.long)
    inputs = {"input_ids": ids, "attention_mask": ids, "token_type_ids": torch.zeros_like(ids)}
    tmp = _private_temp(target)
    # The tracer's warnings are about shapes the export fixes on purpose (tested: padded batches
    # give the torch vectors); a lecturer's first ingest should not print them.
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model,
            tuple(inputs.values()),  # BertModel.forward's first three positional parameters
            str(tmp),
            input_names=list(inputs),
            output_names=["last_hidden_state"],
            dynamic_axes={name: {0: "batch", 1: "tokens"} for name in inputs}
            | {"last_hidden_state": {0: "batch", 1: "tokens"}},
            opset_version=17,
            dynamo=False,
        )
    tmp.replace(target)


class OnnxEncoder:
    """Texts to unit vectors with ONNX Runtime; same interface as the torch path's encode."""

    def __init__(self, model_path: Path, model_file: Path, device: str = "cpu") -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self.pooling = _pooling(model_path)
        self.max_seq_length = _max_length(model_path)
        self.tokenizer = Tokenizer.from_file(str(model_path / "tokenizer.json"))
        self.tokenizer.enable_truncation(self.max_seq_length)
        self.tokenizer.no_padding()
        providers = ["CPUExecutionProvider"]
        if device == "cuda" and "CUDAExecutionProvider" in ort.get_available_providers():
            providers.insert(0, "CUDAExecutionProvider")
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(str(model_file), options, providers=providers)
        self._input_names = {i.name for i in self.session.get_inputs()}
        self.dimension = int(self.session.get_outputs()[0].shape[-1] or 0) or self._probe()

    def _probe(self) -> int:
        return int(self.encode(["probe"], 1).shape[1])

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts)
        # Batches of similar length pad less, as sentence-transformers does.
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        vectors: np.ndarray | None = None
        for start in range(0, len(order), batch_size):
            part = [encodings[i] for i in order[start : start + batch_size]]
            width = max(len(e.ids) for e in part)
            ids = np.zeros((len(part), width), dtype=np.int64)
            mask = np.zeros((len(part), width), dtype=np.int64)
            for row, encoding in enumerate(part):
                ids[row, : len(encoding.ids)] = encoding.ids
                mask[row, : len(encoding.ids)] = 1
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._input_names:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feed)[0]
            if self.pooling == "cls":
                pooled = hidden[:, 0]
            else:
                weights = mask[..., None].astype(np.float32)
                pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            pooled /= np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)
            if vectors is None:
                vectors = np.empty((len(texts), pooled.shape[1]), dtype=np.float32)
            vectors[order[start : start + batch_size]] = pooled
        return vectors
