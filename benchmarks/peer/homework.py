#!/usr/bin/env python3
"""The peer for `trace homework`: 300 variants of a lesson with their keys, as a Python
user would write it with numpy (reusing adam_trace.py's forward pass and Adam).

    python3 homework.py LESSON.yaml COUNT STEPS OUTPUT_DIR

Per student: weights and biases drawn on a grid of tenths in [-0.5, 0.5] and inputs in
[0, 1] (numpy's seeded generator), Adam for STEPS updates, and a folder with key.json (the
whole trace, json.dump) and worksheet.md (network, data and a blank table).
"""
import json
import os
import sys

import numpy as np
import yaml


def trace(W, b, X, Y, steps, eta=0.02, beta1=0.9, beta2=0.999, eps=1e-8):
    sig = lambda z: 1.0 / (1.0 + np.exp(-z))
    W = [w.copy() for w in W]
    b = [bb.copy() for bb in b]
    m = [np.zeros_like(w) for w in W] + [np.zeros_like(bb) for bb in b]
    v = [np.zeros_like(x) for x in m]
    records = []
    for t in range(1, steps + 1):
        gw = [np.zeros_like(w) for w in W]
        gb = [np.zeros_like(bb) for bb in b]
        for x, y in zip(X, Y):
            acts, a = [x], x
            for w, bb in zip(W, b):
                a = sig(w @ a + bb)
                acts.append(a)
            delta = (a - y) * a * (1 - a)
            for l in range(len(W) - 1, -1, -1):
                gw[l] += np.outer(delta, acts[l])
                gb[l] += delta
                if l > 0:
                    delta = (W[l].T @ delta) * acts[l] * (1 - acts[l])
        params = W + b
        grads = [g / len(X) for g in gw + gb]
        step = {"t": t, "parameters": []}
        for k, (p, g) in enumerate(zip(params, grads)):
            m[k] = beta1 * m[k] + (1 - beta1) * g
            v[k] = beta2 * v[k] + (1 - beta2) * g * g
            m_hat = m[k] / (1 - beta1 ** t)
            v_hat = v[k] / (1 - beta2 ** t)
            new = p - eta / np.sqrt(v_hat + eps) * m_hat
            step["parameters"].append({"w": p.tolist(), "g": g.tolist(), "m": m[k].tolist(), "v": v[k].tolist(),
                                       "m_hat": m_hat.tolist(), "v_hat": v_hat.tolist(), "w_new": new.tolist()})
            params[k][...] = new
        records.append(step)
    return records


def main() -> int:
    lesson_path, count, steps, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    lesson = yaml.safe_load(open(lesson_path))
    shapes = [np.array(l["weights"], dtype=float).shape for l in lesson["model"]["layers"]]
    X0 = np.array(lesson["data"]["inputs"], dtype=float)
    Y = np.array(lesson["data"]["targets"], dtype=float)
    os.makedirs(out, exist_ok=True)
    for student in range(1, count + 1):
        rng = np.random.default_rng([2026, student])
        W = [rng.integers(-5, 6, size=s) / 10 for s in shapes]
        b = [rng.integers(-5, 6, size=s[0]) / 10 for s in shapes]
        X = rng.integers(0, 11, size=X0.shape) / 10
        records = trace(W, b, X, Y, steps)
        folder = os.path.join(out, f"{student:03d}")
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "key.json"), "w") as f:
            json.dump({"weights": [w.tolist() for w in W], "biases": [x.tolist() for x in b],
                       "inputs": X.tolist(), "steps": records}, f)
        with open(os.path.join(folder, "worksheet.md"), "w") as f:
            f.write(f"# {lesson['title']}: homework for {student:03d}\n\n")
            for l, (w, bb) in enumerate(zip(W, b)):
                f.write(f"Layer {l + 1}: W = {w.tolist()}, b = {bb.tolist()}\n\n")
            f.write("| sample | x | y |\n| --- | --- | --- |\n")
            for n, (x, y) in enumerate(zip(X, Y)):
                f.write(f"| {n + 1} | {x.tolist()} | {y.tolist()} |\n")
            f.write("\n| t | g | m | v | m_hat | v_hat | w_new |\n| --- | --- | --- | --- | --- | --- | --- |\n")
            for t in range(1, steps + 1):
                f.write(f"| {t} |  |  |  |  |  |  |\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
