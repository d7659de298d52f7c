#!/usr/bin/env python3
"""The peer: the instrumented trace a Python user would write with numpy.

Adam (the lecture's convention: eps inside the square root) on a lesson's network, full
batch, every quantity of every step written as CSV in the same columns as
`trace adam --format csv`:

    python3 adam_trace.py LESSON.yaml STEPS [--output FILE]

It reads the lesson's model and data (sigmoid/tanh/relu/identity layers, half_sse loss),
runs the forward pass and the chain rule per sample with numpy, averages the gradients
over the batch, applies Adam to all parameters at once, and writes one row per parameter
per step with Python's shortest round-trip repr of each number.
"""
import argparse
import sys

import numpy as np
import yaml

ACTIVATIONS = {
    "identity": (lambda z: z, lambda z, a: np.ones_like(z)),
    "sigmoid": (lambda z: 1.0 / (1.0 + np.exp(-z)), lambda z, a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda z, a: 1.0 - a * a),
    "relu": (lambda z: np.where(z < 0, 0.0, z), lambda z, a: (z > 0).astype(float)),
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("lesson")
    parser.add_argument("steps", type=int)
    parser.add_argument("--output")
    parser.add_argument("--eta", type=float, default=0.001)
    args = parser.parse_args()

    lesson = yaml.safe_load(open(args.lesson))
    layers = lesson["model"]["layers"]
    assert lesson["model"]["loss"] == "half_sse"
    W = [np.array(l["weights"], dtype=float) for l in layers]
    b = [np.array(l.get("biases", [0.0] * len(l["weights"])), dtype=float) for l in layers]
    acts = [ACTIVATIONS[l["activation"]] for l in layers]
    X = np.array(lesson["data"]["inputs"], dtype=float)
    Y = np.array(lesson["data"]["targets"], dtype=float)
    eta, beta1, beta2, eps = args.eta, 0.9, 0.999, 1e-8

    # Parameter order as the trace writes it: per layer, each unit's weights then its bias.
    names = []
    for l, w in enumerate(W):
        for j in range(w.shape[0]):
            names += [f"W{l + 1}[{j + 1},{i + 1}]" for i in range(w.shape[1])] + [f"b{l + 1}[{j + 1}]"]

    def flatten(ws, bs):
        return np.concatenate([np.column_stack([w, bb]).ravel() for w, bb in zip(ws, bs)])

    def unflatten(vector):
        ws, bs, k = [], [], 0
        for w in W:
            rows, cols = w.shape
            block = vector[k:k + rows * (cols + 1)].reshape(rows, cols + 1)
            ws.append(block[:, :cols].copy())
            bs.append(block[:, cols].copy())
            k += rows * (cols + 1)
        return ws, bs

    params = flatten(W, b)
    m = np.zeros_like(params)
    v = np.zeros_like(params)
    out = open(args.output, "w") if args.output else sys.stdout
    out.write("t,epoch,parameter,eta,loss,w,g,m,v,m_hat,v_hat,w_new\n")
    quoted = [f'"{n}"' if "," in n else n for n in names]
    for t in range(1, args.steps + 1):
        ws, bs = unflatten(params)
        grad_w = [np.zeros_like(w) for w in ws]
        grad_b = [np.zeros_like(bb) for bb in bs]
        losses = []
        for x, y in zip(X, Y):
            a, zs, activations = x, [], [x]
            for w, bb, (f, _) in zip(ws, bs, acts):
                z = w @ a + bb
                a = f(z)
                zs.append(z)
                activations.append(a)
            losses.append(0.5 * np.sum((y - a) ** 2))
            delta = (a - y) * acts[-1][1](zs[-1], a)
            for l in range(len(ws) - 1, -1, -1):
                grad_w[l] += np.outer(delta, activations[l])
                grad_b[l] += delta
                if l > 0:
                    delta = (ws[l].T @ delta) * acts[l - 1][1](zs[l - 1], activations[l])
        n = len(X)
        g = flatten([gw / n for gw in grad_w], [gb / n for gb in grad_b])
        loss = float(sum(losses) / n)
        m = beta1 * m + (1 - beta1) * g
        v = beta2 * v + (1 - beta2) * g * g
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        new = params - eta / np.sqrt(v_hat + eps) * m_hat
        rows = zip(quoted, params.tolist(), g.tolist(), m.tolist(), v.tolist(), m_hat.tolist(), v_hat.tolist(), new.tolist())
        out.write("".join(
            f"{t},{t},{name},{eta!r},{loss!r},{w!r},{gg!r},{mm!r},{vv!r},{mh!r},{vh!r},{wn!r}\n"
            for name, w, gg, mm, vv, mh, vh, wn in rows))
        params = new
    if out is not sys.stdout:
        out.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
