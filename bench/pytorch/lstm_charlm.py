#!/usr/bin/env python3
"""PyTorch reference for hyperloom's plain LSTM on char-lm (issue 10): the time of one epoch.

Trains the network of `hyperloom run --task char-lm --generator direct --optimizer adam`: one-hot
characters (the sorted distinct characters of the corpus, 65 for tinyshakespeare), one LSTM layer
of 256 units with one bias per gate row, and a dense softmax over the vocabulary (346,433
parameters). Training as hyperloom's SequenceTrainer: the first 90% of the text cut into B = 32
streams of ⌊(N − 1)/B⌋ characters, each stream read in consecutive chunks of T = 100 steps
(truncated BPTT; hidden and cell state carried from chunk to chunk, zeroed at the start of every
epoch), one update per chunk on the mean cross-entropy over the B·T predictions, the gradient
clipped to global L2 norm 5, Adam at 0.002. One epoch = ⌊⌊(N − 1)/B⌋/T⌋ updates (313 here).

Prints one JSON line: steps, wall and CPU seconds, seconds per step, the epoch time (extrapolated
from the steps run when --steps is given, and marked so), the last update's training loss in bits
per character and the parameter count. Not part of the shipped product.

Usage: /usr/bin/python3 lstm_charlm.py --data-dir ../../../shared/data [--epochs 1 | --steps N] [--threads 2]
"""
import argparse
import json
import math
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

CORPUS = os.path.join("text", "tinyshakespeare", "input.txt")   # CharLmProvider.DEFAULT_CORPUS
TRAIN_FRACTION = 0.9                                              # Corpus.TRAIN_FRACTION
EVAL_STREAMS = 16                                                 # CharLmTask.EVAL_STREAMS


def read_corpus(path):
    """Corpus.of: vocabulary = the sorted distinct characters; the first 90% train, the rest validation."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if any(ord(c) > 0xFFFF for c in text):
        raise ValueError(f"{path}: has characters outside the BMP; hyperloom counts UTF-16 units, this script does not")
    vocab = sorted(set(text))
    index = {c: i for i, c in enumerate(vocab)}
    ids = torch.tensor([index[c] for c in text], dtype=torch.long)
    split = int(TRAIN_FRACTION * len(ids))
    return vocab, ids[:split], ids[split:]


class CharLstm(nn.Module):
    """LSTM (gate rows i, f, g, o, as PyTorch's and hyperloom's) → dense logits.

    Initialised as hyperloom's `direct` family with init=lecun: every weight ~ N(0, 1/fan-in)
    (W: 1/V, U: 1/H, the dense layer: 1/H), every bias 0. hyperloom has one bias per gate row;
    PyTorch's LSTM has two (b_ih, b_hh), so b_hh is kept at zero and frozen unless two_biases.
    """

    def __init__(self, vocab, units, two_biases=False):
        super().__init__()
        self.vocab = vocab
        self.lstm = nn.LSTM(vocab, units, batch_first=False)
        self.out = nn.Linear(units, vocab)
        with torch.no_grad():
            nn.init.normal_(self.lstm.weight_ih_l0, std=1.0 / math.sqrt(vocab))
            nn.init.normal_(self.lstm.weight_hh_l0, std=1.0 / math.sqrt(units))
            nn.init.zeros_(self.lstm.bias_ih_l0)
            nn.init.zeros_(self.lstm.bias_hh_l0)
            nn.init.normal_(self.out.weight, std=1.0 / math.sqrt(units))
            nn.init.zeros_(self.out.bias)
        self.lstm.bias_hh_l0.requires_grad_(two_biases)

    def forward(self, ids, state):
        """ids [T, B] → logits [T, B, V] and the state after the last step."""
        x = F.one_hot(ids, self.vocab).to(self.out.weight.dtype)   # one-hot rows, as hyperloom's input
        h, state = self.lstm(x, state)
        return self.out(h), state


def bits_per_character(model, ids, units):
    """CharLmTask.bitsPerCharacter: EVAL_STREAMS streams from a zero state over the whole split."""
    streams = max(1, min(EVAL_STREAMS, (len(ids) - 1) // 2))
    n = (len(ids) - 1) // streams
    rows = torch.arange(streams).unsqueeze(0) * n + torch.arange(n).unsqueeze(1)   # [n, streams]
    dtype = model.out.weight.dtype
    state = (torch.zeros(1, streams, units, dtype=dtype), torch.zeros(1, streams, units, dtype=dtype))
    nats = 0.0
    with torch.no_grad():
        for t0 in range(0, n, 1000):
            p = rows[t0:t0 + 1000]
            logits, state = model(ids[p], state)
            nats += F.cross_entropy(logits.flatten(0, 1), ids[p + 1].flatten(), reduction="sum").item()
    return nats / (streams * n) / math.log(2)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--data-dir", required=True, help="folder holding text/tinyshakespeare/input.txt")
    p.add_argument("--corpus", default="", help="a UTF-8 text file instead of <data-dir>/" + CORPUS)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--steps", type=int, default=0, help="run this many updates instead and extrapolate the epoch")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--units", type=int, default=256)
    p.add_argument("--batch", type=int, default=32, help="parallel streams")
    p.add_argument("--seq-len", type=int, default=100, help="steps per truncated-BPTT chunk")
    p.add_argument("--lr", type=float, default=0.002)
    p.add_argument("--clip", type=float, default=5.0, help="global L2 norm of the gradient (0 = off)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--dtype", choices=["float32", "float64"], default="float32",
                   help="float64 matches hyperloom's double arithmetic")
    p.add_argument("--two-biases", action="store_true",
                   help="train PyTorch's b_hh too (+4·units parameters); hyperloom has one bias")
    p.add_argument("--val", action="store_true", help="also score the whole validation split after training (untimed)")
    a = p.parse_args()
    if a.epochs < 1 or a.steps < 0:
        raise SystemExit(f"--epochs must be >= 1 and --steps >= 0, got {a.epochs} and {a.steps}")

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    dtype = getattr(torch, a.dtype)
    torch.set_default_dtype(dtype)

    vocab, train, val = read_corpus(a.corpus or os.path.join(a.data_dir, CORPUS))
    v, b, T = len(vocab), a.batch, a.seq_len
    length = (len(train) - 1) // b                  # CharLmTask.chunksPerEpoch
    chunks = length // T
    if chunks < 1:
        raise SystemExit(f"the training split ({len(train)} characters) is too short for {b} streams of {T} steps")
    # position of step t of chunk 0 in stream r: r·length + t (CharLmTask.trainingChunk)
    base = torch.arange(b).unsqueeze(0) * length + torch.arange(T).unsqueeze(1)   # [T, B]

    model = CharLstm(v, a.units, a.two_biases)
    params = [q for q in model.parameters() if q.requires_grad]
    opt = torch.optim.Adam(params, lr=a.lr, betas=(0.9, 0.999), eps=1e-8)
    theta = sum(q.numel() for q in params)

    steps = a.steps if a.steps > 0 else a.epochs * chunks
    state = None
    loss = float("nan")
    start = time.perf_counter()
    cpu = time.process_time()
    for step in range(steps):
        k = step % chunks
        if k == 0:       # every state is reset at the start of an epoch
            state = (torch.zeros(1, b, a.units), torch.zeros(1, b, a.units))
        pos = base + k * T
        logits, state = model(train[pos], state)
        state = (state[0].detach(), state[1].detach())   # truncated BPTT: the state carries, its gradient stops
        out = F.cross_entropy(logits.flatten(0, 1), train[pos + 1].flatten())   # mean over the B·T predictions
        opt.zero_grad()
        out.backward()
        if a.clip > 0:   # AdamTrainer.update: scale by clip/‖g‖ when ‖g‖ > clip (global norm)
            norm = torch.sqrt(sum((q.grad * q.grad).sum() for q in params)).item()
            if norm > a.clip:
                for q in params:
                    q.grad.mul_(a.clip / norm)
        opt.step()
        loss = out.item()
        if not math.isfinite(loss):
            raise SystemExit(f"diverged at step {step + 1}: loss {loss}")
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu

    per_step = seconds / steps
    record = {"steps": steps, "seconds": round(seconds, 3), "seconds_per_step": round(per_step, 5),
              "cpu_seconds": round(cpu, 3), "cpu_seconds_per_step": round(cpu / steps, 5),
              "epoch_steps": chunks, "epoch_seconds": round(per_step * chunks, 2),
              "epoch_extrapolated": a.steps > 0,
              "train_bpc": round(loss / math.log(2), 4), "theta": theta, "vocabulary": v,
              "units": a.units, "batch": b, "seq_len": T, "threads": a.threads, "dtype": a.dtype,
              "torch": torch.__version__}
    if a.val:
        record["val_bpc"] = round(bits_per_character(model, val, a.units), 4)
    print(json.dumps(record), flush=True)


if __name__ == "__main__":
    main()
