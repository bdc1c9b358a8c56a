"""A compact BERT-style encoder with a token-classification head, in plain torch.

Attention is written out with matmul/softmax (not ``nn.MultiheadAttention``'s fused fast
path) so that the ONNX export is a plain graph any onnxruntime can run and quantise.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch
from torch import nn


@dataclass(frozen=True)
class EncoderShape:
    vocab_size: int
    tags: int
    hidden: int = 128
    layers: int = 4
    heads: int = 4
    ffn: int = 512
    dropout: float = 0.1
    max_positions: int = 512


class SelfAttention(nn.Module):
    def __init__(self, shape: EncoderShape) -> None:
        super().__init__()
        self.heads = shape.heads
        self.head_size = shape.hidden // shape.heads
        self.qkv = nn.Linear(shape.hidden, 3 * shape.hidden)
        self.out = nn.Linear(shape.hidden, shape.hidden)
        self.dropout = nn.Dropout(shape.dropout)

    def forward(self, x: torch.Tensor, mask_bias: torch.Tensor) -> torch.Tensor:
        batch, length, hidden = x.shape
        qkv = self.qkv(x).view(batch, length, 3, self.heads, self.head_size).permute(2, 0, 3, 1, 4)
        query, key, value = qkv[0], qkv[1], qkv[2]
        scores = query @ key.transpose(-1, -2) / math.sqrt(self.head_size) + mask_bias
        weights = self.dropout(scores.softmax(dim=-1))
        context = (weights @ value).transpose(1, 2).reshape(batch, length, hidden)
        return self.out(context)


class EncoderLayer(nn.Module):
    """Post-norm transformer layer, as in BERT."""

    def __init__(self, shape: EncoderShape) -> None:
        super().__init__()
        self.attention = SelfAttention(shape)
        self.norm1 = nn.LayerNorm(shape.hidden)
        self.feed_forward = nn.Sequential(
            nn.Linear(shape.hidden, shape.ffn), nn.GELU(), nn.Linear(shape.ffn, shape.hidden)
        )
        self.norm2 = nn.LayerNorm(shape.hidden)
        self.dropout = nn.Dropout(shape.dropout)

    def forward(self, x: torch.Tensor, mask_bias: torch.Tensor) -> torch.Tensor:
        x = self.norm1(x + self.dropout(self.attention(x, mask_bias)))
        return self.norm2(x + self.dropout(self.feed_forward(x)))


class TokenClassifier(nn.Module):
    """input_ids, attention_mask [batch, length] -> tag logits [batch, length, tags]."""

    def __init__(self, shape: EncoderShape) -> None:
        super().__init__()
        self.shape = shape
        self.tokens = nn.Embedding(shape.vocab_size, shape.hidden, padding_idx=0)
        self.positions = nn.Embedding(shape.max_positions, shape.hidden)
        self.norm = nn.LayerNorm(shape.hidden)
        self.dropout = nn.Dropout(shape.dropout)
        self.layers = nn.ModuleList(EncoderLayer(shape) for _ in range(shape.layers))
        self.classifier = nn.Linear(shape.hidden, shape.tags)

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.shape[1], device=input_ids.device).unsqueeze(0)
        x = self.dropout(self.norm(self.tokens(input_ids) + self.positions(positions)))
        # Padding keys get a large negative bias so no token attends to them.
        mask_bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * -1e4
        for layer in self.layers:
            x = layer(x, mask_bias)
        return self.classifier(x)
