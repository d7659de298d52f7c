#!/usr/bin/env python3
"""The peer for `trace handout --all`: every lesson's worked-example handout in HTML, as a
Python user would write it with numpy and PyYAML.

    python3 handouts.py LESSONS_DIR OUTPUT_DIR [--precision N] [--focus NAME|all]

For every `*.yaml` in LESSONS_DIR (in name order) it reads the lesson with `yaml.safe_load`,
runs the lesson's own optimizer for the lesson's steps with numpy, and writes
`OUTPUT_DIR/NAME.html`, then `OUTPUT_DIR/index.html` linking them. Each page holds what
trace's page holds:

- the title and the summary (its Markdown turned into HTML: paragraphs, code blocks,
  `code`, **strong**, *em*);
- the network (a sentence, an SVG diagram with every weight and bias, a table of the
  layers) and the data (a table and how it is batched), or for a two-weight objective its
  loss, constants and gradient as MathML;
- the optimizer's hyperparameters, the chain rule and the update rule as the lecture
  writes them (MathML), the schedule's formula, the notes for L2;
- per update: each sample's forward pass and chain rule (z, a, δ per layer), the batch
  loss as the mean of the sample losses, a worked example for the focus parameter (the
  schedule's η, the gradient as the batch mean of δ·a with every term, then every equation
  of the rule with its numbers put in, in MathML), and a table of every parameter's w, g,
  state and w_new;
- the loss per step as a table and an SVG plot, the learning rate per step for a schedule,
  and for an objective the path over contours of the loss (64×64 grid, 12 levels spaced
  in log L, marching squares, vectorised with numpy);
- "Reproduce this in code": how to set the run up, and for PyTorch, Keras and Optax the
  optimizer (and scheduler) call that gives the same numbers, or why that framework cannot.

Numbers are printed with `%.{precision}g` (4 by default), as trace prints them.

Everything the 16 bundled lessons use is implemented: identity, sigmoid, tanh and relu
layers; half_sse, mse and bce losses; gd, sgd, minibatch, momentum, adagrad, rmsprop, adam
and adamw in the lecture's convention (momentum v = βv + (1−β)g; ε inside the square root;
AdamW w − η/√(v̂+ε)·m̂ − ηλw) and PyTorch's; AdaGrad's starting accumulator s₀; coupled
L2 (`l2:`); constant, step and cosine schedules; full, fixed-size and shuffled batches (the
same xoshiro256** generator as trace, so a shuffled lesson gets the same batches); quadratic
and Rosenbrock objectives; a run that diverges stops at the first non-finite value and says
so. The forward pass and the chain rule take a whole batch at once (one row per sample).

For the 16 bundled lessons its pages are the same, byte for byte, as `trace handout --all`'s
(with --precision and --focus too), and its numbers agree with trace's JSON trace to within
about 1e-13 relative (numpy sums the batch's matrix products in another order).

What it leaves out, against trace: it does not validate the lesson (trace checks every key,
shape and range and reports FILE:LINE:COLUMN; this reads whatever PyYAML gives); its
Markdown is a small subset of CommonMark (enough for the bundled summaries); Keras's and
Optax's conventions (`convention: keras` or `optax`, which no bundled lesson uses) are not
implemented; and it reads the lessons from LESSONS_DIR where trace has them built in.

The module is also imported by homework.py, which reuses the engine and the writers.
"""
import argparse
import functools
import html
import math
import os
import re
import sys

import numpy as np
import yaml

# ---------------------------------------------------------------------------------------
# Symbols and formulas. An expression is a tuple: ('s', name), ('c', value), ('+', a, b),
# ('-', a, b), ('*', a, b), ('/', a, b), ('^', a, b), ('sqrt', a), ('floor', a),
# ('cos', a), ('min', a, b), ('pi',). The same tree computes (numpy) and renders (MathML).

UNICODE = {
    "w": "w", "w_new": "w", "g": "g", "v": "v", "s": "s", "ss": "ss", "m": "m", "m_hat": "m̂", "v_hat": "v̂",
    "eta": "η", "beta": "β", "rho": "ρ", "beta1": "β₁", "beta2": "β₂", "epsilon": "ε", "lambda": "λ", "l2": "λ₂",
    "gamma": "γ", "every": "K", "eta_min": "η_min", "period": "T", "eta_t": "ηₜ", "w1": "w₁", "w2": "w₂",
    "a": "a", "b": "b", "t": "t", "initial_accumulator": "s₀",
}
LATEX = {
    "w": "w", "w_new": "w", "g": "g", "v": "v", "s": "s", "ss": "ss", "m": "m", "m_hat": "\\hat{m}",
    "v_hat": "\\hat{v}", "eta": "\\eta", "beta": "\\beta", "rho": "\\rho", "beta1": "\\beta_1", "beta2": "\\beta_2",
    "epsilon": "\\epsilon", "lambda": "\\lambda", "l2": "\\lambda_2", "gamma": "\\gamma", "every": "K",
    "eta_min": "\\eta_{\\min}", "period": "T", "eta_t": "\\eta_t", "w1": "w_1", "w2": "w_2", "a": "a", "b": "b",
    "t": "t", "initial_accumulator": "s_0",
}
PER_PARAMETER = {"w", "g", "v", "s", "ss", "m", "m_hat", "v_hat", "w_new"}


def S(name):
    return ("s", name)


def C(value):
    return ("c", float(value))


def add(a, b): return ("+", a, b)
def sub(a, b): return ("-", a, b)
def mul(a, b): return ("*", a, b)
def div(a, b): return ("/", a, b)
def pw(a, b): return ("^", a, b)
def sqrt(a): return ("sqrt", a)


@functools.lru_cache(maxsize=None)
def symbols_of(e):
    if e[0] == "s":
        return {e[1]}
    if e[0] in ("c", "pi"):
        return set()
    return set().union(*(symbols_of(x) for x in e[1:]))


def evaluate(e, env):
    """The expression's value; per-parameter symbols are numpy arrays, the rest floats."""
    op = e[0]
    if op == "s":
        return env[e[1]]
    if op == "c":
        return e[1]
    if op == "+":
        return evaluate(e[1], env) + evaluate(e[2], env)
    if op == "-":
        return evaluate(e[1], env) - evaluate(e[2], env)
    if op == "*":
        return evaluate(e[1], env) * evaluate(e[2], env)
    if op == "/":
        return evaluate(e[1], env) / evaluate(e[2], env)
    if op == "^":
        return evaluate(e[1], env) ** evaluate(e[2], env)
    if op == "sqrt":
        return np.sqrt(evaluate(e[1], env))
    if op == "floor":
        return math.floor(evaluate(e[1], env))
    if op == "cos":
        return math.cos(evaluate(e[1], env))
    if op == "min":
        return min(evaluate(e[1], env), evaluate(e[2], env))
    if op == "pi":
        return math.pi
    raise ValueError(op)


HYPERPARAMETERS = {  # the optimizer's hyperparameters in trace's order, with trace's defaults
    "gd": [("eta", 0.1)], "sgd": [("eta", 0.1)], "minibatch": [("eta", 0.1)],
    "momentum": [("eta", 0.1), ("beta", 0.9)],
    "adagrad": [("eta", 0.1), ("epsilon", 1e-8), ("initial_accumulator", 0.0)],
    "rmsprop": [("eta", 0.01), ("rho", 0.9), ("epsilon", 1e-8)],
    "adam": [("eta", 0.001), ("beta1", 0.9), ("beta2", 0.999), ("epsilon", 1e-8)],
    "adamw": [("eta", 0.001), ("beta1", 0.9), ("beta2", 0.999), ("epsilon", 1e-8), ("lambda", 0.01)],
}
INITIAL_STATE = {"adagrad": {"s": "initial_accumulator"}}  # state that starts at a hyperparameter, not 0
CONVENTION_NAME = {"lecture": "lecture", "pytorch": "PyTorch"}
DISPLAY_NAME = {
    "gd": "Gradient descent", "sgd": "Stochastic gradient descent", "minibatch": "Mini-batch SGD",
    "momentum": "SGD with momentum", "adagrad": "AdaGrad", "rmsprop": "RMSProp", "adam": "Adam", "adamw": "AdamW",
}
LOSS_FORMULA = {
    "half_sse": "L = ½·Σₖ (yₖ − ŷₖ)²", "mse": "L = (1/K)·Σₖ (yₖ − ŷₖ)²",
    "bce": "L = −Σₖ [yₖ·ln ŷₖ + (1 − yₖ)·ln(1 − ŷₖ)]",
}


def update_rule(optimizer, convention, l2):
    """The rule's equations [(target, expression)] and its notes, as trace's UpdateRule has them."""
    w, g, v, s, ss, m, m_hat, v_hat = (S(x) for x in ("w", "g", "v", "s", "ss", "m", "m_hat", "v_hat"))
    eta, beta, rho, b1, b2, eps, lam, t = (S(x) for x in ("eta", "beta", "rho", "beta1", "beta2", "epsilon", "lambda", "t"))
    one = C(1)
    moments = [("m", add(mul(b1, m), mul(sub(one, b1), g))), ("v", add(mul(b2, v), mul(sub(one, b2), pw(g, C(2))))),
               ("m_hat", div(m, sub(one, pw(b1, t)))), ("v_hat", div(v, sub(one, pw(b2, t))))]
    pytorch = convention == "pytorch"
    notes = []
    if optimizer in ("gd", "sgd", "minibatch"):
        equations = [("w_new", sub(w, mul(eta, g)))]
    elif optimizer == "momentum":
        equations = [("v", add(mul(beta, v), g) if pytorch else add(mul(beta, v), mul(sub(one, beta), g))),
                     ("w_new", sub(w, mul(eta, v)))]
        if pytorch:
            notes = ["PyTorch sets v ← g at t = 1; since v starts at 0, β·v + g gives the same.",
                     "No (1 − β) factor: torch.optim.SGD(lr=η·(1−β), momentum=β) reproduces the lecture's run."]
    elif optimizer == "adagrad":
        step = div(mul(eta, g), add(sqrt(s), eps)) if pytorch else mul(div(eta, sqrt(add(s, eps))), g)
        equations = [("s", add(s, pw(g, C(2)))), ("w_new", sub(w, step))]
        notes = ["ε is added outside the square root."] if pytorch else []
    elif optimizer == "rmsprop":
        step = div(mul(eta, g), add(sqrt(ss), eps)) if pytorch else mul(div(eta, sqrt(add(ss, eps))), g)
        equations = [("ss", add(mul(rho, ss), mul(sub(one, rho), pw(g, C(2))))), ("w_new", sub(w, step))]
        notes = ["ε is added outside the square root; PyTorch calls ρ alpha (its default 0.99)."] if pytorch else []
    elif optimizer == "adam":
        step = div(mul(eta, m_hat), add(sqrt(v_hat), eps)) if pytorch else mul(div(eta, sqrt(add(v_hat, eps))), m_hat)
        equations = moments + [("w_new", sub(w, step))]
        notes = ["ε is added outside the square root (Algorithm 1 of the Adam paper)."] if pytorch else []
    elif optimizer == "adamw":
        if pytorch:
            equations = moments + [("w_new", sub(mul(w, sub(one, mul(eta, lam))), div(mul(eta, m_hat), add(sqrt(v_hat), eps))))]
            notes = ["PyTorch multiplies w by (1 − η·λ) before the Adam step; ε is outside the square root."]
        else:
            equations = moments + [("w_new", sub(sub(w, mul(div(eta, sqrt(add(v_hat, eps))), m_hat)), mul(mul(eta, lam), w)))]
    else:
        raise ValueError(f"unknown optimizer {optimizer!r}")
    if l2 is not None:
        equations = [("g", add(g, mul(S("l2"), w)))] + equations
        notes = notes + ["With L2, the penalty ½·λ₂·w² adds λ₂·w to g before the update, so it enters the optimizer's state."]
    return equations, notes


def schedule_equation(schedule):
    """η_t as an expression of η, t and the schedule's settings; None for a constant rate."""
    if schedule is None:
        return None
    eta, t = S("eta"), S("t")
    if schedule["name"] == "step":
        return mul(eta, pw(S("gamma"), ("floor", div(sub(t, C(1)), S("every")))))
    eta_min, period = S("eta_min"), S("period")
    return add(eta_min, mul(mul(div(C(1), C(2)), sub(eta, eta_min)),
                            add(C(1), ("cos", div(mul(("pi",), ("min", sub(t, C(1)), period)), period)))))


OBJECTIVES = {  # (loss, [∂L/∂w₁, ∂L/∂w₂], default a, default b)
    "quadratic": (add(mul(S("a"), pw(S("w1"), C(2))), mul(S("b"), pw(S("w2"), C(2)))),
                  [mul(mul(C(2), S("a")), S("w1")), mul(mul(C(2), S("b")), S("w2"))], 1.0, 10.0),
    "rosenbrock": (add(pw(sub(S("a"), S("w1")), C(2)), mul(S("b"), pw(sub(S("w2"), pw(S("w1"), C(2))), C(2)))),
                   [sub(sub(C(0), mul(C(2), sub(S("a"), S("w1")))),
                        mul(mul(mul(C(4), S("b")), S("w1")), sub(S("w2"), pw(S("w1"), C(2))))),
                    mul(mul(C(2), S("b")), sub(S("w2"), pw(S("w1"), C(2))))], 1.0, 100.0),
}


# ---------------------------------------------------------------------------------------
# The lesson and its run.

class Experiment:
    """A lesson as it runs: its network and data (or objective), optimizer, schedule, steps."""

    def __init__(self, lesson, optimizer=None, steps=None):
        self.title = lesson["title"]
        self.summary = lesson.get("summary")
        opt = lesson.get("optimizer") or {}
        self.optimizer = optimizer or opt["name"]
        own = self.optimizer == opt.get("name")  # the lesson's optimizer settings apply only to its optimizer
        self.convention = (opt.get("convention") if own else None) or "lecture"
        self.hyper = [(k, float(opt[k]) if own and k in opt else d) for k, d in HYPERPARAMETERS[self.optimizer]]
        self.l2 = float(opt["l2"]) if own and "l2" in opt else None
        training = lesson.get("training") or {}
        self.steps = steps or int(training.get("steps", 1))
        sched = lesson.get("schedule")
        self.schedule = None
        if sched and sched["name"] != "constant":
            if sched["name"] == "step":
                params = [("gamma", float(sched.get("gamma", 0.5))), ("every", float(sched.get("every", 1)))]
            else:
                params = [("eta_min", float(sched.get("eta_min", 0.0))), ("period", float(sched.get("period", self.steps)))]
            self.schedule = {"name": sched["name"], "params": params}
        self.objective = None
        if "objective" in lesson:
            o = lesson["objective"]
            loss, gradient, a, b = OBJECTIVES[o["function"]]
            self.objective = {"function": o["function"], "loss": loss, "gradient": gradient,
                              "constants": [("a", float(o.get("a", a))), ("b", float(o.get("b", b)))]}
            self.start = [float(x) for x in o["start"]]
            self.layers, self.loss, self.inputs, self.targets = [], None, [], []
            self.batch_size, self.shuffle_seed = "full", None
        else:
            model, data = lesson["model"], lesson["data"]
            self.loss = model["loss"]
            self.layers = []
            for layer in model["layers"]:
                weights = [[float(x) for x in row] for row in layer["weights"]]
                biases = [float(x) for x in layer.get("biases", [0.0] * len(weights))]
                self.layers.append({"activation": layer["activation"], "weights": weights, "biases": biases})
            self.inputs = [[float(x) for x in row] for row in data["inputs"]]
            self.targets = [[float(x) for x in row] for row in data["targets"]]
            size = training.get("batch_size")
            if self.optimizer == "gd":
                size = "full"
            elif self.optimizer == "sgd":
                size = 1
            elif size is None:
                size = 2 if self.optimizer == "minibatch" and len(self.inputs) >= 2 else "full"
            self.batch_size = size
            seed = training.get("seed")
            shuffle = training.get("shuffle", seed is not None)
            self.shuffle_seed = int(seed or 0) if shuffle else None
        self.equations, self.notes = update_rule(self.optimizer, self.convention, self.l2)
        targets = [t for t, _ in self.equations]
        self.state = [t for t in targets if t not in ("w_new", "g")]
        self.recorded = ["w", "g"] + self.state + ["w_new"]
        self.names, self.roles = self.layout()

    def layout(self):
        """Parameter names and roles in trace's order: per layer, each unit's weights, then its bias."""
        if self.objective:
            return ["w1", "w2"], [("c", 1), ("c", 2)]
        names, roles = [], []
        for l, layer in enumerate(self.layers, start=1):
            for j, row in enumerate(layer["weights"], start=1):
                for i in range(1, len(row) + 1):
                    names.append(f"W{l}[{j},{i}]")
                    roles.append(("w", l, j, i))
                names.append(f"b{l}[{j}]")
                roles.append(("b", l, j))
        return names, roles

    @property
    def batch(self):
        n = len(self.inputs)
        return n if self.batch_size == "full" else int(self.batch_size)

    def scalars(self):
        scalars = dict(self.hyper)
        for k, v in (self.schedule or {}).get("params", []):
            scalars[k] = v
        for k, v in (self.objective or {}).get("constants", []):
            scalars[k] = v
        if self.l2 is not None:
            scalars["l2"] = self.l2
        return scalars

    def update_hyperparameters(self):
        return self.hyper + ([("l2", self.l2)] if self.l2 is not None else [])


MASK = (1 << 64) - 1


class SplitMix64:
    def __init__(self, seed):
        self.state = seed & MASK

    def next(self):
        self.state = (self.state + 0x9E3779B97F4A7C15) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)


class Xoshiro:
    """xoshiro256**, seeded by SplitMix64: trace's generator, for the same shuffles and draws."""

    def __init__(self, seed):
        mixer = SplitMix64(seed)
        self.s = [mixer.next() for _ in range(4)]

    def next(self):
        s = self.s
        rot = lambda x, k: ((x << k) | (x >> (64 - k))) & MASK
        result = (rot((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rot(s[3], 45)
        return result

    def uniform(self, bound):
        threshold = ((1 << 64) - bound) % bound
        while True:
            r = self.next()
            if r >= threshold:
                return r % bound

    def shuffle(self, items):
        for i in range(len(items) - 1, 0, -1):
            j = self.uniform(i + 1)
            items[i], items[j] = items[j], items[i]


def batches(n, size, seed):
    """(epoch, [sample indices from 0]) for every update: in order, the last batch of an epoch smaller."""
    generator = Xoshiro(seed) if seed is not None else None
    epoch = 0
    while True:
        epoch += 1
        order = list(range(n))
        if generator:
            generator.shuffle(order)
        for start in range(0, n, size):
            yield epoch, order[start:start + size]


ACTIVATIONS = {
    "identity": (lambda z: z, lambda z, a: np.ones_like(z)),
    "sigmoid": (lambda z: 1.0 / (1.0 + np.exp(-z)), lambda z, a: a * (1.0 - a)),
    "tanh": (np.tanh, lambda z, a: 1.0 - a * a),
    "relu": (lambda z: np.where(z < 0, 0.0, z), lambda z, a: (z > 0).astype(float)),
}


def sample_losses(kind, A, Y):
    """Each sample's loss (a row of A, the predictions, against a row of Y)."""
    if kind == "half_sse":
        return 0.5 * np.sum((Y - A) ** 2, axis=1)
    if kind == "mse":
        return np.sum((Y - A) ** 2, axis=1) / Y.shape[1]
    # a term whose factor y or 1 − y is 0 counts as 0, also where its logarithm is −∞
    terms = np.where(Y != 0, Y * np.log(A), 0.0) + np.where(Y != 1, (1 - Y) * np.log(1 - A), 0.0)
    return -np.sum(terms, axis=1)


def loss_derivative(kind, A, Y):
    if kind == "half_sse":
        return A - Y
    if kind == "mse":
        return 2 * (A - Y) / Y.shape[1]
    return (A - Y) / (A * (1 - A))


class Step:
    """One update's record: the batch, each sample's trace, and every parameter's values."""
    __slots__ = ("t", "epoch", "batch", "eta", "loss", "samples", "scalars", "schedule_scalars", "values", "carried")


def run(exp):
    """Runs the experiment; returns the step records and the divergence (t, quantity, value) or None."""
    np.seterr(all="ignore")
    scalars = exp.scalars()
    if exp.objective:
        params = np.array(exp.start)
    else:
        params = np.concatenate([np.column_stack([np.array(l["weights"]), np.array(l["biases"])]).ravel()
                                 for l in exp.layers])
        shapes = [np.array(l["weights"]).shape for l in exp.layers]
        acts = [ACTIVATIONS[l["activation"]] for l in exp.layers]
        X = np.array(exp.inputs)
        Y = np.array(exp.targets)
        schedule = batches(len(X), exp.batch, exp.shuffle_seed)
    starts = INITIAL_STATE.get(exp.optimizer, {})
    state = {s: np.full_like(params, scalars[starts[s]]) if s in starts else np.zeros_like(params) for s in exp.state}
    eta_equation = schedule_equation(exp.schedule)
    records = []
    for t in range(1, exp.steps + 1):
        step = Step()
        step.t = t
        step.samples = []
        if exp.objective:
            env = dict(scalars, w1=float(params[0]), w2=float(params[1]))
            gradient = np.array([evaluate(e, env) for e in exp.objective["gradient"]])
            step.loss = evaluate(exp.objective["loss"], env)
            step.epoch, step.batch = t, []
        else:
            step.epoch, indices = next(schedule)
            step.batch = [k + 1 for k in indices]
            Ws, bs, k = [], [], 0
            for rows, cols in shapes:
                block = params[k:k + rows * (cols + 1)].reshape(rows, cols + 1)
                Ws.append(block[:, :cols])
                bs.append(block[:, cols])
                k += rows * (cols + 1)
            # The whole batch at once, one row per sample: forward pass, then the chain rule back.
            Xb, Yb = X[indices], Y[indices]
            A, Zs, As = Xb, [], []
            for W, b, (f, _) in zip(Ws, bs, acts):
                Z = A @ W.T + b
                A = f(Z)
                Zs.append(Z)
                As.append(A)
            losses = sample_losses(exp.loss, A, Yb)
            if exp.loss == "bce" and exp.layers[-1]["activation"] == "sigmoid":
                D = A - Yb  # ∂L/∂ŷ·σ′(z) = ŷ − y, finite where ŷ rounds to 0 or 1
            else:
                D = loss_derivative(exp.loss, A, Yb) * acts[-1][1](Zs[-1], A)
            Ds = [None] * len(Ws)
            grads = [None] * len(Ws)
            for l in range(len(Ws) - 1, -1, -1):
                Ds[l] = D
                below = As[l - 1] if l > 0 else Xb
                grads[l] = np.column_stack([D.T @ below, D.sum(axis=0)])
                if l > 0:
                    D = (D @ Ws[l]) * acts[l - 1][1](Zs[l - 1], As[l - 1])
            n = len(indices)
            for k, index in enumerate(indices):
                step.samples.append((index + 1, X[index], Y[index], float(losses[k]),
                                     [(Z[k], A[k], D[k]) for Z, A, D in zip(Zs, As, Ds)]))
            gradient = np.concatenate([(g / n).ravel() for g in grads])
            step.loss = sum(losses.tolist()) / n
        step_scalars = dict(scalars, t=float(t))
        step.schedule_scalars = {}
        if eta_equation:
            step.schedule_scalars = dict(step_scalars)
            eta_t = evaluate(eta_equation, step_scalars)
            step_scalars["eta"] = eta_t
            step_scalars["eta_t"] = eta_t
        step.scalars = step_scalars
        step.eta = step_scalars["eta"]
        env = dict(step_scalars, w=params, g=gradient, **state)
        values = {"w": params, "g": gradient}
        for target, expression in exp.equations:
            value = evaluate(expression, env)
            env[target] = values[target] = value
        step.values = values
        step.carried = dict(state, g=gradient)
        records.append(step)
        state = {s: values[s] for s in exp.state}
        params = values["w_new"]
        divergence = first_non_finite(step, exp)
        if divergence:
            return records, divergence
    return records, None


def first_non_finite(step, exp):
    for index, _, _, loss, layers in step.samples:
        for l, (z, a, d) in enumerate(layers, start=1):
            for name, values in (("z", z), ("a", a), ("δ", d)):
                if not np.isfinite(values).all():
                    return step.t, f"{name} of layer {l} for sample {index}", float(values[~np.isfinite(values)][0])
        if not math.isfinite(loss):
            return step.t, f"the loss of sample {index}", loss
    if not math.isfinite(step.loss):
        return step.t, "the batch loss", step.loss
    for symbol in exp.recorded:
        values = step.values[symbol]
        bad = np.flatnonzero(~np.isfinite(values))
        if len(bad):
            return step.t, f"{symbol} of {exp.names[bad[0]]}", float(values[bad[0]])
    return None


def value_read(step, exp, symbol, p, k):
    """`symbol`'s value for parameter p as equation k reads it (state before, or as assigned)."""
    if symbol not in PER_PARAMETER:
        return step.scalars.get(symbol, math.nan)
    if symbol in step.carried and not any(target == symbol for target, _ in exp.equations[:k]):
        return float(step.carried[symbol][p])
    return float(step.values[symbol][p])


# ---------------------------------------------------------------------------------------
# Numbers and formulas as display trees: ('sym', name), ('name', s), ('num', text), ('op', s),
# ('row', [nodes]), ('frac', a, b), ('sqrt', a), ('pow', a, b), ('fenced', a), ('sub', a, b),
# ('idx', a, b), ('text', s), ('floor', a), ('fn', name, [args]).

def significant(x, digits):
    if not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    if x == 0:
        return "0"
    return "%.*g" % (digits, x)


def exact(x):
    if not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    text = repr(float(x))
    return text[:-2] if text.endswith(".0") else text


def full(x):
    return exact(x) if not math.isfinite(x) else repr(float(x))


LEVEL = {"+": 1, "-": 1, "*": 2, "^": 3}


def build(e, leaf, minimum=0):
    """Lays an expression out for display; `leaf` gives each symbol's node (itself or a number)."""
    op = e[0]
    if op == "s":
        node = leaf(e[1])
        if minimum > 0 and node[0] == "num" and node[1].startswith("-"):
            return ("fenced", node)
        return node
    if op == "c":
        v = e[1]
        node = ("num", str(int(v)) if v == round(v) and abs(v) < 1e15 else repr(v))
    elif op == "+":
        node = ("row", [build(e[1], leaf, 1), ("op", "+"), build(e[2], leaf, 1)])
    elif op == "-":
        node = ("row", [build(e[1], leaf, 1), ("op", "−"), build(e[2], leaf, 2)])
    elif op == "*":
        node = ("row", [build(e[1], leaf, 2), ("op", "·"), build(e[2], leaf, 2)])
    elif op == "/":
        node = ("frac", build(e[1], leaf), build(e[2], leaf))
    elif op == "^":
        raised = build(e[1], leaf, 4)
        if raised[0] == "num" and "e" in raised[1]:
            raised = ("fenced", raised)
        node = ("pow", raised, build(e[2], leaf))
    elif op == "sqrt":
        node = ("sqrt", build(e[1], leaf))
    elif op == "floor":
        node = ("floor", build(e[1], leaf))
    elif op == "cos":
        node = ("fn", "cos", [build(e[1], leaf)])
    elif op == "min":
        node = ("fn", "min", [build(e[1], leaf), build(e[2], leaf)])
    else:
        node = ("name", "π")
    return ("fenced", node) if LEVEL.get(op, 4) < minimum else node


def symbolic(symbol):
    return ("sym", symbol)


def assignments(pairs, number):
    nodes = []
    for symbol, value in pairs:
        if nodes:
            nodes.append(("op", ","))
        nodes += [("sym", symbol), ("op", "="), ("num", number(value))]
    return ("row", nodes)


def split_number(text):
    """'-4.873e-05' → (True, '4.873', '-5'); plain numbers have no exponent."""
    negative = text.startswith("-")
    body = text[1:] if negative else text
    if "e" not in body:
        return negative, body, None
    mantissa, power = body.split("e")
    power = power.lstrip("+")
    minus = power.startswith("-")
    power = power.lstrip("-").lstrip("0") or "0"
    return negative, mantissa, ("-" if minus else "") + power


def esc(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


def mathml_number(text):
    negative, mantissa, exponent = split_number(text)
    sign = "<mo>−</mo>" if negative else ""
    if exponent is None:
        return f"<mrow>{sign}<mn>{mantissa}</mn></mrow>" if negative else f"<mn>{mantissa}</mn>"
    if exponent.startswith("-"):
        power = f"<msup><mn>10</mn><mrow><mo>−</mo><mn>{exponent[1:]}</mn></mrow></msup>"
    else:
        power = f"<msup><mn>10</mn><mrow><mn>{exponent}</mn></mrow></msup>"
    scaled = power if mantissa == "1" else f"<mn>{mantissa}</mn><mo>×</mo>{power}"
    return f"<mrow>{sign}{scaled}</mrow>"


def mathml_symbol(symbol):
    if symbol == "m_hat":
        return '<mover accent="true"><mi>m</mi><mo>^</mo></mover>'
    if symbol == "v_hat":
        return '<mover accent="true"><mi>v</mi><mo>^</mo></mover>'
    if symbol in ("beta1", "beta2"):
        return f"<msub><mi>β</mi><mn>{symbol[-1]}</mn></msub>"
    return f"<mi>{UNICODE[symbol]}</mi>"


def tall(node):
    kind = node[0]
    if kind in ("frac", "sqrt"):
        return True
    if kind == "row":
        return any(tall(n) for n in node[1])
    if kind in ("fenced", "floor"):
        return tall(node[1])
    if kind in ("idx", "sub", "pow"):
        return tall(node[1]) or (kind == "pow" and tall(node[2]))
    if kind == "fn":
        return any(tall(n) for n in node[2])
    return False


def mathml(node):
    kind = node[0]
    if kind == "sym":
        return mathml_symbol(node[1])
    if kind == "name":
        return f"<mi>{esc(node[1])}</mi>"
    if kind == "num":
        return mathml_number(node[1])
    if kind == "op":
        return '<mo separator="true">,</mo><mspace width="1em"/>' if node[1] == "," else f"<mo>{esc(node[1])}</mo>"
    if kind == "row":
        return "<mrow>" + "".join(mathml(n) for n in node[1]) + "</mrow>"
    if kind == "frac":
        return f"<mfrac><mrow>{mathml(node[1])}</mrow><mrow>{mathml(node[2])}</mrow></mfrac>"
    if kind == "sqrt":
        return f"<msqrt>{mathml(node[1])}</msqrt>"
    if kind == "pow":
        base = node[1]
        if base[0] == "sym" and base[1] in ("beta1", "beta2"):
            return f"<msubsup><mi>β</mi><mn>{base[1][-1]}</mn><mrow>{mathml(node[2])}</mrow></msubsup>"
        return f"<msup><mrow>{mathml(base)}</mrow><mrow>{mathml(node[2])}</mrow></msup>"
    if kind == "fenced":
        stretchy = "" if tall(node[1]) else ' stretchy="false"'
        return f"<mrow><mo{stretchy}>(</mo>{mathml(node[1])}<mo{stretchy}>)</mo></mrow>"
    if kind == "sub":
        return f"<msub><mrow>{mathml(node[1])}</mrow><mrow>{mathml(node[2])}</mrow></msub>"
    if kind == "idx":
        return f'<mrow>{mathml(node[1])}<mo stretchy="false">(</mo>{mathml(node[2])}<mo stretchy="false">)</mo></mrow>'
    if kind == "floor":
        return f"<mrow><mo>⌊</mo>{mathml(node[1])}<mo>⌋</mo></mrow>"
    if kind == "fn":
        args = '<mo separator="true">,</mo>'.join(mathml(n) for n in node[2])
        return f"<mrow><mi>{node[1]}</mi><mo>&#x2061;</mo><mrow><mo>(</mo>{args}<mo>)</mo></mrow></mrow>"
    text = node[1]
    return '<mspace width="2em"/>' if not text.strip() else f"<mtext>{esc(text.replace(' ', chr(0xA0)))}</mtext>"


LATEX_NAMES = {"δ": "\\delta", "η": "\\eta", "Σ": "\\sum", "∂": "\\partial", "ŷ": "\\hat{y}", "f′": "f'", "π": "\\pi"}
LATEX_OPS = {"−": "-", "·": "\\cdot", "←": "\\leftarrow", "≈": "\\approx", ",": ",\\quad"}


def latex_text(text):
    return re.sub(r"([\\{}$&#^_%~])", lambda m: {"\\": "\\textbackslash{}", "^": "\\^{}", "~": "\\~{}"}.get(m.group(1), "\\" + m.group(1)), text)


def latex(node):
    kind = node[0]
    if kind == "sym":
        return LATEX[node[1]]
    if kind == "name":
        return LATEX_NAMES.get(node[1], node[1])
    if kind == "num":
        negative, mantissa, exponent = split_number(node[1])
        if exponent is None:
            return node[1]
        power = f"10^{{{exponent}}}"
        return ("-" if negative else "") + (power if mantissa == "1" else f"{mantissa} \\times {power}")
    if kind == "op":
        return LATEX_OPS.get(node[1], node[1])
    if kind == "row":
        return " ".join(latex(n) for n in node[1])
    if kind == "frac":
        return f"\\frac{{{latex(node[1])}}}{{{latex(node[2])}}}"
    if kind == "sqrt":
        return f"\\sqrt{{{latex(node[1])}}}"
    if kind == "pow":
        return f"{{{latex(node[1])}}}^{{{latex(node[2])}}}"
    if kind == "fenced":
        return f"\\left({latex(node[1])}\\right)"
    if kind == "sub":
        return f"{{{latex(node[1])}}}_{{{latex(node[2])}}}"
    if kind == "idx":
        return f"{latex(node[1])}({latex(node[2])})"
    if kind == "floor":
        return f"\\left\\lfloor {latex(node[1])} \\right\\rfloor"
    if kind == "fn":
        return f"\\{node[1]}\\left({', '.join(latex(n) for n in node[2])}\\right)"
    return "\\quad" if not node[1].strip() else f"\\text{{{latex_text(node[1])}}}"


# ---------------------------------------------------------------------------------------
# The content of a handout, as blocks, independent of the format:
# ('heading', level, text), ('prose', markdown), ('paragraph', text), ('equations', [nodes]),
# ('table', header, rows, caption), ('network', exp), ('plot', label, points, caption),
# ('contours', exp, path), ('links', [(text, file, note)]), ('begin', id), ('end',).

WEIGHT = ("sub", ("name", "w"), ("name", "ji"))
NEXT = ("row", [("name", "t"), ("op", "+"), ("num", "1")])


def lecture_formulas(exp):
    """The rule as the lecture writes it: m(t+1) = β₁·m(t) + (1 − β₁)·g, w_ji(t+1) = …."""
    lines = []
    for k, (target, expression) in enumerate(exp.equations):
        earlier = {t for t, _ in exp.equations[:k]}

        def leaf(symbol):
            if symbol == "w":
                return ("idx", WEIGHT, ("name", "t"))
            if symbol in exp.state and symbol not in earlier:
                return ("idx", ("sym", symbol), ("name", "t"))
            return ("sym", symbol)
        if target == "w_new":
            head = ("idx", WEIGHT, NEXT)
        elif target in ("m_hat", "v_hat", "g"):
            head = ("sym", target)
        else:
            head = ("idx", ("sym", target), NEXT)
        lines.append(("row", [head, ("op", "="), build(expression, leaf)]))
    return lines


def chain_rule_formulas():
    l, l1, lp1 = ("name", "l"), ("row", [("name", "l"), ("op", "−"), ("num", "1")]), ("row", [("name", "l"), ("op", "+"), ("num", "1")])
    sb = lambda name, index: ("sub", ("name", name), index)
    return [
        ("row", [sb("z", l), ("op", "="), sb("W", l), ("op", "·"), sb("a", l1), ("op", "+"), sb("b", l), ("text", "   "),
                 sb("a", l), ("op", "="), ("sub", ("name", "f"), l), ("fenced", sb("z", l))]),
        ("row", [("sub", ("name", "δ"), ("name", "L")), ("op", "="),
                 ("frac", ("row", [("name", "∂"), ("name", "L")]), ("row", [("name", "∂"), ("name", "ŷ")])),
                 ("op", "·"), ("name", "f′"), ("fenced", sb("z", ("name", "L"))), ("text", "   "),
                 sb("δ", l), ("op", "="), ("fenced", ("row", [("pow", sb("W", lp1), ("name", "T")), ("op", "·"), sb("δ", lp1)])),
                 ("op", "·"), ("sub", ("name", "f′"), l), ("fenced", sb("z", l))]),
        ("row", [("sub", ("name", "g"), ("name", "ji")), ("op", "="), ("sub", ("name", "δ"), ("name", "j")), ("op", "·"),
                 ("sub", ("name", "a"), ("name", "i")), ("text", " for a weight,   "), ("name", "g"), ("op", "="),
                 ("sub", ("name", "δ"), ("name", "j")), ("text", " for a bias, averaged over the batch")]),
    ]


def introduction(exp, number, vector, summary=True):
    """The lesson, its network and data (or objective), the optimizer's formulas."""
    blocks = [("heading", 1, exp.title)]
    if summary and exp.summary:
        blocks.append(("prose", exp.summary))
    if exp.objective:
        o = exp.objective
        minimum = [0.0, 0.0] if o["function"] == "quadratic" else [o["constants"][0][1], o["constants"][0][1] ** 2]
        blocks += [("heading", 2, "The objective"),
                   ("paragraph", f"A loss of two weights ({o['function']}), minimised directly: its gradient is written out, "
                                 f"with no network or data. Start: (w₁, w₂) = {vector(exp.start)}; minimum at {vector(minimum)}; "
                                 f"{counted(exp.steps, 'update')}."),
                   ("equations", [("row", [("name", "L"), ("op", "="), build(o["loss"], symbolic)]),
                                  assignments(o["constants"], number)]
                    + [("row", [("frac", ("row", [("name", "∂"), ("name", "L")]), ("row", [("name", "∂"), ("sym", w)])),
                                ("op", "="), build(d, symbolic)]) for w, d in zip(("w1", "w2"), o["gradient"])])]
    else:
        units = " → ".join(f"{len(l['weights'])} {l['activation']}" for l in exp.layers)
        blocks += [("heading", 2, "The network"),
                   ("paragraph", f"{counted(len(exp.layers[0]['weights'][0]), 'input')} → {units}. Loss {exp.loss}: "
                                 f"{LOSS_FORMULA[exp.loss]}, averaged over the samples of a batch."),
                   ("network", exp),
                   ("table", ["layer", "activation", "W (row j = into unit j)", "b"],
                    [[str(l), layer["activation"], "[" + ", ".join(vector(r) for r in layer["weights"]) + "]", vector(layer["biases"])]
                     for l, layer in enumerate(exp.layers, start=1)], None),
                   ("heading", 2, "The data"),
                   ("table", ["sample", "x", "y"],
                    [[str(n), vector(x), vector(y)] for n, (x, y) in enumerate(zip(exp.inputs, exp.targets), start=1)], None),
                   ("paragraph", ("Full batch" if exp.batch == len(exp.inputs) else f"Batches of {exp.batch}")
                    + (f", shuffled each epoch (seed {exp.shuffle_seed})" if exp.shuffle_seed is not None else ", in data order")
                    + f"; {counted(exp.steps, 'update')}.")]
    blocks += [("begin", "formulas"),
               ("heading", 2, f"{DISPLAY_NAME[exp.optimizer]}, {CONVENTION_NAME[exp.convention]} convention"),
               ("equations", [assignments(exp.update_hyperparameters(), number)])]
    if not exp.objective:
        blocks += [("paragraph", "For each sample, the forward pass and the chain rule:"), ("equations", chain_rule_formulas())]
    if exp.schedule:
        formula = ("row", [("sym", "eta_t"), ("op", "="), build(schedule_equation(exp.schedule), symbolic)])
        blocks += [("paragraph", f"The learning rate follows a {exp.schedule['name']} schedule; the update reads η as ηₜ:"),
                   ("equations", [("row", [formula, ("op", ","), assignments(exp.schedule["params"], number)])])]
    blocks += [("paragraph", "Then, for each weight, with g its component of the gradient above:" if exp.objective
                else "Then, for each parameter, with g its gradient averaged over the batch:"),
               ("equations", lecture_formulas(exp))]
    blocks += [("paragraph", note) for note in exp.notes]
    counting = "t counts updates from 1, as the frameworks do: a value's index is the update that produced it"
    whose = "the lecture's formulas" if exp.convention == "lecture" else f"{CONVENTION_NAME[exp.convention]}'s formulas, in the lecture's notation"
    if exp.state:
        first = UNICODE[exp.state[0]]
        start = INITIAL_STATE.get(exp.optimizer, {}).get(exp.state[0])
        start = f"{UNICODE[start]} = {number(exp.scalars()[start])}" if start else "0"
        indexing = (f"These are {whose}: the update from w(t) to w(t+1) reads the state as it was, {first}(t), "
                    f"and writes {first}(t+1). Below, {counting}, so {first}(1) is {first} after the first update, from {first}(0) = {start}.")
    else:
        indexing = (f"These are {whose}: the update from w(t) to w(t+1). Below, {counting}, "
                    "so w(1) is the weight after the first update, from w(0), the starting weight.")
    return blocks + [("paragraph", indexing), ("end",)]


def counted(n, noun):
    return f"{n} {noun}{'' if n == 1 else 's'}"


def value_node(text):
    return ("fenced", ("num", text)) if text.startswith("-") else ("num", text)


def element(name, layer, index):
    return ("row", [("sub", ("name", name), ("num", str(layer))), ("op", "["), ("num", str(index)), ("op", "]")])


def gradient_line(exp, step, p, number):
    """g = mean over the batch of δ1[1]·a0[1] = (…)/3 = …, or g = ∂L/∂w₁ = … for an objective."""
    g = ("num", number(float(step.carried["g"][p])))
    role = exp.roles[p]
    if role[0] == "c":
        k = role[1]
        w = step.values["w"]
        leaf = lambda s: ("num", number(float(w[0] if s == "w1" else w[1]) if s in ("w1", "w2") else step.scalars.get(s, math.nan)))
        derivative = exp.objective["gradient"][k - 1]
        return ("row", [("name", "g"), ("op", "="),
                        ("frac", ("row", [("name", "∂"), ("name", "L")]), ("row", [("name", "∂"), ("sym", f"w{k}")])),
                        ("op", "="), build(derivative, symbolic), ("op", "="), build(derivative, leaf), ("op", "="), g])
    if role[0] == "w":
        _, l, j, i = role
        sym = ("row", [element("δ", l, j), ("op", "·"), element("a", l - 1, i)])
        terms = [("row", [value_node(number(float(layers[l - 1][2][j - 1]))), ("op", "·"),
                          value_node(number(float((layers[l - 2][1] if l > 1 else x)[i - 1]))) ])
                 for _, x, _, _, layers in step.samples]
    else:
        _, l, j = role
        sym = element("δ", l, j)
        terms = [value_node(number(float(layers[l - 1][2][j - 1]))) for _, _, _, _, layers in step.samples]
    if len(terms) == 1:
        return ("row", [("name", "g"), ("op", "="), sym, ("op", "="), terms[0], ("op", "="), g])
    total = []
    for n, term in enumerate(terms):
        if n:
            total.append(("op", "+"))
        total.append(term)
    return ("row", [("name", "g"), ("op", "="), ("text", "mean over the batch of "), sym, ("op", "="),
                    ("frac", ("row", total), ("num", str(len(terms)))), ("op", "="), g])


def update_lines(exp, step, p, number):
    """Each equation of the rule with the step's numbers: m(1) = 0.9·0 + (1 − 0.9)·0.0822 = 0.00822."""
    lines = []
    for k, (target, expression) in enumerate(exp.equations):
        leaf = lambda s: ("num", number(value_read(step, exp, s, p, k)))
        head = ("idx", ("name", "w") if target == "w_new" else ("sym", target), ("num", str(step.t)))
        result = ("num", number(float(step.values[target][p])))
        lines.append(("row", [head, ("op", "="), build(expression, leaf), ("op", "="), result]))
    return lines


def step_blocks(exp, step, focus, number, vector):
    blocks = [("begin", f"step-{step.t}")]
    if exp.objective:
        w = step.values["w"]
        leaf = lambda s: ("num", number(float(w[0] if s == "w1" else w[1]) if s in ("w1", "w2") else step.scalars.get(s, math.nan)))
        loss = exp.objective["loss"]
        blocks += [("heading", 3, f"Step t = {step.t} · η = {number(step.eta)}"),
                   ("equations", [("row", [("name", "L"), ("op", "="), build(loss, symbolic), ("op", "="), build(loss, leaf),
                                           ("op", "="), ("num", number(step.loss))])])]
    else:
        plural = "" if len(step.batch) == 1 else "s"
        blocks.append(("heading", 3, f"Step t = {step.t} · epoch {step.epoch} · sample{plural} "
                                     f"{', '.join(map(str, step.batch))} · η = {number(step.eta)}"))
    for index, x, y, loss, layers in step.samples:
        rows = [[f"{l} ({exp.layers[l - 1]['activation']})", vector(z), vector(a), vector(d)]
                for l, (z, a, d) in enumerate(layers, start=1)]
        blocks.append(("table", ["layer", "z", "a", "δ"], rows,
                       f"Sample {index}: x = {vector(x)}, y = {vector(y)}, loss = {number(loss)}"))
    if not exp.objective:
        result = ("num", number(step.loss))
        if len(step.samples) > 1:
            total = []
            for n, sample in enumerate(step.samples):
                if n:
                    total.append(("op", "+"))
                total.append(value_node(number(sample[3])))
            line = ("row", [("name", "L"), ("op", "="), ("frac", ("row", total), ("num", str(len(step.samples)))), ("op", "="), result])
        else:
            line = ("row", [("name", "L"), ("op", "="), result])
        blocks.append(("equations", [line]))
    eta_equation = schedule_equation(exp.schedule)
    for p in focus:
        lines = []
        if eta_equation:
            leaf = lambda s: ("num", number(step.schedule_scalars.get(s, math.nan)))
            lines.append(("row", [("idx", ("sym", "eta"), ("num", str(step.t))), ("op", "="), build(eta_equation, leaf),
                                  ("op", "="), ("num", number(step.eta))]))
        lines.append(gradient_line(exp, step, p, number))
        lines += update_lines(exp, step, p, number)
        blocks += [("paragraph", f"Worked example for {exp.names[p]}:"), ("equations", lines)]
    columns = [step.values[s] for s in exp.recorded]
    rows = [[name] + [number(float(c[p])) for c in columns] for p, name in enumerate(exp.names)]
    header = ["parameter"] + ["w_new" if s == "w_new" else UNICODE[s] for s in exp.recorded]
    blocks += [("table", header, rows, None), ("end",)]
    return blocks


def handout_blocks(exp, records, divergence, precision=4, focus=None):
    number = lambda x: significant(x, precision)
    vector = lambda xs: "(" + ", ".join(number(float(x)) for x in xs) + ")"
    if focus == "all":
        indices = range(len(exp.names))
    else:
        indices = [exp.names.index(focus) if focus else 0]
    blocks = introduction(exp, number, vector)
    for step in records:
        blocks += step_blocks(exp, step, indices, number, vector)
    blocks += [("begin", "loss"), ("heading", 2, "Loss per step"),
               ("paragraph", "The batch loss at the weights before each update, and the learning rate the update used."),
               ("table", ["t", "η", "loss"], [[str(s.t), number(s.eta), number(s.loss)] for s in records], None),
               ("plot", "loss", [(s.t, s.loss) for s in records], "Batch loss before each update.")]
    if exp.objective:
        path = [[float(x) for x in records[0].values["w"]]] + [[float(x) for x in s.values["w_new"]] for s in records]
        blocks.append(("contours", exp, path))
    if exp.schedule:
        blocks.append(("plot", "η", [(s.t, s.eta) for s in records],
                       f"The learning rate ηₜ of each update ({exp.schedule['name']} schedule)."))
    blocks.append(("end",))
    if divergence:
        t, quantity, value = divergence
        blocks.append(("paragraph", f"The run diverged at t = {t}: {quantity} is {full(value)}, so it stopped after that step."))
    return blocks + [("begin", "reproduce")] + reproduce_blocks(exp) + [("end",)]


# ---------------------------------------------------------------------------------------
# "Reproduce this in code": the optimizer call of PyTorch, Keras and Optax that gives the
# run's numbers, or why that framework cannot (trace's FrameworkRecipe, for the lecture's and
# PyTorch's conventions).

FRAMEWORKS = [("pytorch", "PyTorch"), ("keras", "Keras"), ("optax", "Optax")]


def framework_recipe(framework, exp):
    """('reproduces', optimizer, scheduler) or ('cannot', reason)."""
    h = dict(exp.hyper)
    eta, eps = h.get("eta", 0.0), h.get("epsilon", 0.0)
    convention, optimizer = exp.convention, exp.optimizer
    accumulator = "ss" if optimizer == "rmsprop" else "s"
    placement_matters = eps != 0
    rate, scale = eta, 1.0
    if optimizer == "momentum" and convention == "lecture":
        scale = 1 - h["beta"]
        rate = eta * scale
    name = dict(FRAMEWORKS)[framework]
    if optimizer == "momentum":
        if exp.schedule and (convention == "keras") != (framework == "keras"):
            return ("cannot", "Keras keeps η inside its velocity (v ← β·v − η·g), so under a schedule each past gradient keeps the "
                              "rate it came with; this run rescales them all" if framework == "keras" else
                    f"this run keeps η inside the velocity (Keras's v ← β·v − η·g), which {name}'s momentum buffer cannot do while η changes")
    elif optimizer in ("adagrad", "rmsprop") and framework == "pytorch":
        if placement_matters and convention != "pytorch":
            return ("cannot", f"PyTorch adds ε outside the square root (g/(√{accumulator} + ε)); this run adds it inside")
    elif optimizer == "adagrad" or (optimizer == "rmsprop" and framework == "keras"):
        if placement_matters and convention == "pytorch":
            return ("cannot", f"{name} adds ε inside the square root (g/√({accumulator} + ε)); this run, like PyTorch, outside")
    elif optimizer in ("adam", "adamw") and framework == "keras":
        if placement_matters and convention != "keras":
            return ("cannot", "Keras adds ε to √v, before the bias correction: in m̂/(√v̂ + ε) its ε acts as ε/√(1 − β₂ᵗ), which changes with t")
    elif optimizer in ("adam", "adamw"):
        if placement_matters and convention == "keras":
            return ("cannot", f"{name} adds ε to √v̂, Keras (this run) to √v, which is ε/√(1 − β₂ᵗ) in terms of v̂ and changes with t")
        if placement_matters and convention == "lecture" and framework == "pytorch":
            return ("cannot", "PyTorch adds ε outside the square root (m̂/(√v̂ + ε)); the lecture inside (m̂/√(v̂ + ε)), and torch.optim has no option for that")
    params = dict((exp.schedule or {}).get("params", []))
    if exp.schedule and exp.schedule["name"] == "cosine":
        if framework == "pytorch" and exp.steps - 1 > params["period"]:
            return ("cannot", f"torch.optim.lr_scheduler.CosineAnnealingLR rises again after T_max = {int(params['period'])} updates; this schedule stays at η_min")
        if framework == "keras":
            return ("cannot", "keras.optimizers.schedules.CosineDecay computes ηₜ in float32 (on every backend but TensorFlow), "
                              "about 10⁻⁸ away from this run's ηₜ, even with float64 weights")
    py = lambda x: repr(float(x))
    if not exp.schedule or framework == "pytorch":
        lr = py(rate)
    elif exp.schedule["name"] == "step":
        every, gamma = int(params["every"]), py(params["gamma"])
        lr = (f"keras.optimizers.schedules.ExponentialDecay({py(rate)}, decay_steps={every}, decay_rate={gamma}, staircase=True)"
              if framework == "keras" else f"optax.exponential_decay({py(rate)}, transition_steps={py(every)}, decay_rate={gamma}, staircase=True)")
    else:
        period, alpha = int(params["period"]), py(0 if eta == 0 else params["eta_min"] / eta)
        lr = (f"keras.optimizers.schedules.CosineDecay({py(rate)}, decay_steps={period}, alpha={alpha})" if framework == "keras"
              else f"optax.cosine_decay_schedule({py(rate)}, decay_steps={period}, alpha={alpha})")
    scheduler = None
    if framework == "pytorch" and exp.schedule:
        if exp.schedule["name"] == "step":
            scheduler = f"torch.optim.lr_scheduler.StepLR(optimizer, step_size={int(params['every'])}, gamma={py(params['gamma'])})"
        else:
            eta_min = params["eta_min"] if scale == 1 else params["eta_min"] * scale
            scheduler = f"torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max={int(params['period'])}, eta_min={py(eta_min)})"
    p = lambda k: py(h.get(k, 0.0))
    e = p("epsilon")
    optax_eps = f"eps=0.0, eps_root={e}" if convention == "lecture" and eps != 0 else f"eps={e}"
    calls = {
        "pytorch": {"sgd": f"torch.optim.SGD(params, lr={lr})",
                    "momentum": f"torch.optim.SGD(params, lr={lr}, momentum={p('beta')})",
                    "adagrad": f"torch.optim.Adagrad(params, lr={lr}, eps={e}, initial_accumulator_value={p('initial_accumulator')})",
                    "rmsprop": f"torch.optim.RMSprop(params, lr={lr}, alpha={p('rho')}, eps={e})",
                    "adam": f"torch.optim.Adam(params, lr={lr}, betas=({p('beta1')}, {p('beta2')}), eps={e})",
                    "adamw": f"torch.optim.AdamW(params, lr={lr}, betas=({p('beta1')}, {p('beta2')}), eps={e}, weight_decay={p('lambda')})"},
        "keras": {"sgd": f"keras.optimizers.SGD(learning_rate={lr})",
                  "momentum": f"keras.optimizers.SGD(learning_rate={lr}, momentum={p('beta')})",
                  "adagrad": f"keras.optimizers.Adagrad(learning_rate={lr}, initial_accumulator_value={p('initial_accumulator')}, epsilon={e})",
                  "rmsprop": f"keras.optimizers.RMSprop(learning_rate={lr}, rho={p('rho')}, epsilon={e})",
                  "adam": f"keras.optimizers.Adam(learning_rate={lr}, beta_1={p('beta1')}, beta_2={p('beta2')}, epsilon={e})",
                  "adamw": f"keras.optimizers.AdamW(learning_rate={lr}, weight_decay={p('lambda')}, beta_1={p('beta1')}, beta_2={p('beta2')}, epsilon={e})"},
        "optax": {"sgd": f"optax.sgd({lr})",
                  "momentum": f"optax.sgd({lr}, momentum={p('beta')})",
                  "adagrad": f"optax.adagrad({lr}, initial_accumulator_value={p('initial_accumulator')}, eps={e})",
                  "rmsprop": f"optax.rmsprop({lr}, decay={p('rho')}, eps={e}"
                             + (", eps_in_sqrt=False" if convention == "pytorch" and eps != 0 else "") + ")",
                  "adam": f"optax.adam({lr}, b1={p('beta1')}, b2={p('beta2')}, {optax_eps})",
                  "adamw": f"optax.adamw({lr}, b1={p('beta1')}, b2={p('beta2')}, {optax_eps}, weight_decay={p('lambda')})"},
    }
    kind = "sgd" if optimizer in ("gd", "sgd", "minibatch") else optimizer
    return ("reproduces", calls[framework][kind], scheduler)


def reproduce_blocks(exp):
    if exp.objective:
        setup = [f"Minimise the objective ({exp.objective['function']}) directly from (w₁, w₂) = "
                 f"({', '.join(exact(x) for x in exp.start)}), in float64, with the optimizer below; its gradient is the objective's own."]
    else:
        n = len(exp.inputs)
        if exp.shuffle_seed is not None:
            batches = (f"each update takes the batch trace drew with its own generator (seed {exp.shuffle_seed}); "
                       "the JSON trace (--format json) lists every update's samples under batch")
        elif exp.batch == n:
            batches = f"every update uses all {counted(n, 'sample')}"
        else:
            batches = f"the batches take {exp.batch} samples at a time in the data's order, starting again at the first sample after the last"
        setup = ["Build the network in float64 with the lesson's weights and biases (torch.nn.Linear stores W as [out, in], "
                 f"a Keras Dense kernel as [in, out]). The loss of a batch is the mean over its samples of {LOSS_FORMULA[exp.loss]}; {batches}."]
    if exp.l2 is not None:
        setup.append(f"For L2, add 0.5·λ₂·(the sum of every weight and bias squared) to the loss, λ₂ = {exact(exp.l2)}, rather than "
                     "passing weight_decay: that is the gradient g + λ₂·w this run takes, in every framework.")
    recipes = [(name, framework_recipe(framework, exp)) for framework, name in FRAMEWORKS]
    if recipes[0][1][0] == "reproduces":
        setup.append("In PyTorch's call, params is the list of the network's tensors.")
    blocks = [("heading", 2, "Reproduce this in code"), ("paragraph", " ".join(setup))]
    for name, recipe in recipes:
        if recipe[0] == "reproduces":
            code = f"optimizer = {recipe[1]}"
            if recipe[2]:
                code += f"\nscheduler = {recipe[2]}  # scheduler.step() after each optimizer.step()"
            blocks += [("paragraph", f"{name} gives the same numbers (up to rounding in the last digits) with:"), ("code", "python", code)]
            if name == "Keras" and not exp.objective:
                blocks.append(("paragraph", "On Keras's JAX backend, keras.ops.tanh and keras.ops.mean compute in float32 even on float64 "
                                            "tensors: use jax.numpy's for the model and the loss."))
        else:
            blocks.append(("paragraph", f"{name} cannot give these numbers: {recipe[1]}."))
    return blocks


# ---------------------------------------------------------------------------------------
# HTML: one self-contained page, formulas in MathML, figures in SVG.

STYLE = """
:root { color-scheme: light; }
body { margin: 0; background: #fff; color: #1a1a1a; font: 16px/1.5 "DejaVu Serif", Georgia, serif; }
main { max-width: 46rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; }
h1 { font-size: 1.7rem; line-height: 1.25; margin: 0 0 1rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 0.6rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
h3 { font-size: 1.05rem; margin: 1.6rem 0 0.5rem; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
.prose { margin-bottom: 1rem; }
.equations { margin: 0.6rem 0 1rem; overflow-x: auto; }
.equations math { margin: 0.35rem 0; font-size: 1.05rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-style: italic; padding-bottom: 0.3rem; }
th, td { border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; }
thead th { border-bottom: 2px solid #888; text-align: left; }
tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
td { text-align: left; font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 0.85rem; white-space: nowrap; }
th.num, td.num { text-align: right; }
td:empty { min-width: 7rem; height: 1.8rem; }
pre { background: #f5f5f5; padding: 0.6rem 0.8rem; overflow-x: auto; font-size: 0.85rem; }
figure { margin: 1rem 0 1.4rem; }
figcaption { font-size: 0.85rem; color: #555; }
svg { max-width: 100%; height: auto; }
section.keep { break-inside: avoid; page-break-inside: avoid; }
@page { margin: 15mm; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  h2 { break-before: auto; }
  .equations { overflow: visible; }
}
"""


def is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def numeric_columns(header, rows):
    return [c > 0 and all(c < len(r) and is_number(r[c]) for r in rows) for c in range(len(header))]


def html_table(header, rows, caption):
    numeric = numeric_columns(header, rows)
    out = ["<table>\n"]
    if caption is not None:
        out.append(f"<caption>{esc(caption)}</caption>\n")
    num = ' class="num"'
    out.append("<thead><tr>" + "".join(f'<th scope="col"{num if numeric[c] else ""}>{esc(h)}</th>'
                                       for c, h in enumerate(header)) + "</tr></thead>\n<tbody>\n")
    for row in rows:
        out.append("<tr>" + "".join(f'<th scope="row">{esc(cell)}</th>' if c == 0 else
                                    f'<td{num if c < len(numeric) and numeric[c] else ""}>{esc(cell)}</td>'
                                    for c, cell in enumerate(row)) + "</tr>\n")
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def inline_markdown(text):
    parts = re.split(r"(`[^`]*`)", text)
    out = []
    for part in parts:
        if part.startswith("`") and part.endswith("`") and len(part) >= 2:
            out.append(f"<code>{html.escape(part[1:-1].replace(chr(10), ' '), quote=False)}</code>")
        else:
            part = html.escape(part, quote=False).replace('"', "&quot;")
            part = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", part)
            part = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", part)
            out.append(part)
    return "".join(out)


def markdown_html(markdown):
    """The lesson's summary: paragraphs, fenced code blocks, `code`, **strong** and *em*."""
    out, paragraph, code = [], [], None
    for line in markdown.split("\n"):
        if code is not None:
            if line.strip().startswith("```"):
                out.append("<pre><code>" + html.escape("".join(code), quote=False) + "</code></pre>\n")
                code = None
            else:
                code.append(line[indent:] + "\n")
        elif line.strip().startswith("```"):
            if paragraph:
                out.append("<p>" + inline_markdown("\n".join(paragraph)) + "</p>\n")
                paragraph = []
            code, indent = [], len(line) - len(line.lstrip())
        elif not line.strip():
            if paragraph:
                out.append("<p>" + inline_markdown("\n".join(paragraph)) + "</p>\n")
                paragraph = []
        else:
            paragraph.append(line.strip())
    if paragraph:
        out.append("<p>" + inline_markdown("\n".join(paragraph)) + "</p>\n")
    return "".join(out)


def network_svg(exp):
    sizes = [len(exp.layers[0]["weights"][0])] + [len(l["weights"]) for l in exp.layers]
    column_gap, row_gap, radius, margin = 230.0, 110.0, 22.0, 60.0
    tallest = float(max(sizes))
    width = margin * 2 + column_gap * (len(sizes) - 1)
    height = margin * 2 + row_gap * (tallest - 1) + 30

    def center(column, unit):
        offset = (tallest - sizes[column]) * row_gap / 2
        return margin + column_gap * column, margin + offset + row_gap * unit
    f = lambda x: "%.1f" % x
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {f(width)} {f(height)}" width="{f(width)}" height="{f(height)}" '
           'role="img" aria-label="Network diagram" font-family="DejaVu Sans, sans-serif" font-size="12">\n']
    labels = []
    for l, layer in enumerate(exp.layers):
        inputs = len(layer["weights"][0])
        for j, row in enumerate(layer["weights"]):
            for i, weight in enumerate(row):
                (x0, y0), (x1, y1) = center(l, i), center(l + 1, j)
                svg.append(f'<line x1="{f(x0 + radius)}" y1="{f(y0)}" x2="{f(x1 - radius)}" y2="{f(y1)}" stroke="#8a8a8a" stroke-width="1.2"/>\n')
                share = 0.72 - 0.16 * i / max(1, inputs - 1)
                x = x0 + radius + (x1 - radius - x0 - radius) * share
                y = y0 + (y1 - y0) * share - 4
                labels.append(f'<text x="{f(x)}" y="{f(y)}" text-anchor="middle" fill="#1a1a1a" stroke="#fff" stroke-width="4" '
                              f'paint-order="stroke">{esc(f"W{l + 1}[{j + 1},{i + 1}] = {significant(weight, 3)}")}</text>\n')
    for column, size in enumerate(sizes):
        for unit in range(size):
            x, y = center(column, unit)
            fill = "#eef3fb" if column == 0 else "#fdf3e6"
            svg.append(f'<circle cx="{f(x)}" cy="{f(y)}" r="{f(radius)}" fill="{fill}" stroke="#333" stroke-width="1.4"/>\n')
            svg.append(f'<text x="{f(x)}" y="{f(y + 4)}" text-anchor="middle">a{column}[{unit + 1}]</text>\n')
            if column > 0:
                bias = f"b{column}[{unit + 1}] = {significant(exp.layers[column - 1]['biases'][unit], 3)}"
                svg.append(f'<text x="{f(x)}" y="{f(y + radius + 16)}" text-anchor="middle" fill="#555">{esc(bias)}</text>\n')
        title = "input" if column == 0 else f"layer {column} ({exp.layers[column - 1]['activation']})"
        svg.append(f'<text x="{f(center(column, 0)[0])}" y="{f(height - 10)}" text-anchor="middle" fill="#555">{esc(title)}</text>\n')
    return "".join(svg + labels) + "</svg>"


def line_plot_svg(points, label):
    width, height, left, right, top, bottom = 580.0, 260.0, 90.0, 20.0, 20.0, 45.0
    f = lambda x: "%.2f" % x
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {f(width)} {f(height)}" width="{f(width)}" height="{f(height)}" '
           f'role="img" aria-label="{esc(label)} per step" font-family="DejaVu Sans, sans-serif" font-size="11">\n']
    finite = [(t, v) for t, v in points if math.isfinite(v)]
    if not finite:
        return svg[0] + "</svg>"
    low, high = min(v for _, v in finite), max(v for _, v in finite)
    if high - low < 1e-12 * max(1, abs(high)):
        low -= max(abs(low) * 0.05, 1e-12)
        high += max(abs(high) * 0.05, 1e-12)
    t_min, t_max = float(finite[0][0]), float(max(finite[-1][0], finite[0][0] + 1))
    x = lambda t: left + (t - t_min) / (t_max - t_min) * (width - left - right)
    y = lambda v: top + (high - v) / (high - low) * (height - top - bottom)
    svg.append(f'<line x1="{f(left)}" y1="{f(height - bottom)}" x2="{f(width - right)}" y2="{f(height - bottom)}" stroke="#333"/>\n')
    svg.append(f'<line x1="{f(left)}" y1="{f(top)}" x2="{f(left)}" y2="{f(height - bottom)}" stroke="#333"/>\n')
    ticks = [low + (high - low) * k / 4 for k in range(5)]
    digits = next((d for d in range(4, 13) if len({significant(v, d) for v in ticks}) == len(ticks)), 12)
    for v in ticks:
        svg.append(f'<line x1="{f(left - 4)}" y1="{f(y(v))}" x2="{f(width - right)}" y2="{f(y(v))}" stroke="#e5e5e5"/>\n')
        svg.append(f'<text x="{f(left - 8)}" y="{f(y(v) + 4)}" text-anchor="end">{significant(v, digits)}</text>\n')
    for t in range(int(t_min), int(t_max) + 1, max(1, int((t_max - t_min) / 8))):
        svg.append(f'<text x="{f(x(t))}" y="{f(height - bottom + 16)}" text-anchor="middle">{t}</text>\n')
    svg.append(f'<text x="{f((left + width - right) / 2)}" y="{f(height - 6)}" text-anchor="middle">update t</text>\n')
    middle = f((top + height - bottom) / 2)
    svg.append(f'<text x="14" y="{middle}" text-anchor="middle" transform="rotate(-90 14 {middle})">{esc(label)}</text>\n')
    svg.append(f'<polyline points="{" ".join(f"{f(x(t))},{f(y(v))}" for t, v in finite)}" fill="none" stroke="#c0392b" stroke-width="2"/>\n')
    if len(finite) <= 60:
        svg += [f'<circle cx="{f(x(t))}" cy="{f(y(v))}" r="3" fill="#c0392b"/>\n' for t, v in finite]
    return "".join(svg) + "</svg>"


def contour_svg(exp, path):
    """The path over contours of the loss: a 64×64 grid, 12 levels evenly spaced in log L."""
    o = exp.objective
    minimum = [0.0, 0.0] if o["function"] == "quadratic" else [o["constants"][0][1], o["constants"][0][1] ** 2]
    points = [p for p in path if all(math.isfinite(c) for c in p)] + [minimum]
    low = [min(p[0] for p in points), min(p[1] for p in points)]
    high = [max(p[0] for p in points), max(p[1] for p in points)]
    for k in range(2):
        span = max(high[k] - low[k], 1e-6)
        low[k] -= 0.15 * span
        high[k] += 0.15 * span
    n = 64
    fractions = np.arange(n) / (n - 1)
    w1, w2 = np.meshgrid(low[0] + (high[0] - low[0]) * fractions, low[1] + (high[1] - low[1]) * fractions)
    grid = evaluate(o["loss"], dict(o["constants"], w1=w1, w2=w2))  # grid[row][column], rows from low[1] up

    size, margin = 420.0, 56.0
    width = height = size + 2 * margin
    f = lambda x: "%.2f" % x
    x = lambda v: margin + (v - low[0]) / (high[0] - low[0]) * size
    y = lambda v: margin + size - (v - low[1]) / (high[1] - low[1]) * size
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {f(width)} {f(height)}" width="{f(width)}" height="{f(height)}" '
           'role="img" aria-label="Paths over the loss contours" font-family="DejaVu Sans, sans-serif" font-size="11">\n',
           f'<rect x="{f(margin)}" y="{f(margin)}" width="{f(size)}" height="{f(size)}" fill="#fbfbfb" stroke="#333"/>\n']
    values = grid[np.isfinite(grid) & (grid > 0)]
    if values.size and values.max() > values.min():
        log_low, log_high = math.log(values.min()), math.log(values.max())
        cell = size / (n - 1)
        corners = [grid[:-1, :-1], grid[:-1, 1:], grid[1:, 1:], grid[1:, :-1]]  # a cell's corners, counter-clockwise
        positions = [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]  # (column, row) within the cell
        rows, columns = np.meshgrid(np.arange(n - 1), np.arange(n - 1), indexing="ij")
        for k in range(1, 13):
            level = math.exp(log_low + (log_high - log_low) * k / 13)
            masks, xs, ys = [], [], []
            for edge in range(4):
                a, b = corners[edge], corners[(edge + 1) % 4]
                (p0, p1), (q0, q1) = positions[edge], positions[(edge + 1) % 4]
                masks.append(((a < level) != (b < level)) & np.isfinite(a) & np.isfinite(b))
                share = (level - a) / (b - a)
                xs.append(margin + (columns + p0 + (q0 - p0) * share) * cell)
                ys.append(margin + size - (rows + p1 + (q1 - p1) * share) * cell)
            masks, xs, ys = np.array(masks), np.array(xs), np.array(ys)
            rank = np.cumsum(masks, axis=0) - masks  # each crossing's place among its cell's crossings, edge by edge
            ends = []
            for r in range(4):
                chosen = masks & (rank == r)
                ends.append((np.where(chosen, xs, 0).sum(axis=0), np.where(chosen, ys, 0).sum(axis=0)))
            count = masks.sum(axis=0).ravel()
            segments = []
            for first, second, needed in ((0, 1, 2), (2, 3, 4)):
                segments.append((count >= needed, ends[first][0].ravel(), ends[first][1].ravel(),
                                 ends[second][0].ravel(), ends[second][1].ravel()))
            d = []
            for c in np.flatnonzero(count >= 2):  # cells row by row, each cell's segments in order
                for has, x0, y0, x1, y1 in segments:
                    if has[c]:
                        d.append("M%.2f %.2fL%.2f %.2f" % (x0[c], y0[c], x1[c], y1[c]))
            if d:
                svg.append(f'<path d="{"".join(d)}" fill="none" stroke="#b8c4d6" stroke-width="1"/>\n')
    svg.append(f'<text x="{f(x(minimum[0]))}" y="{f(y(minimum[1]) + 4)}" text-anchor="middle" font-size="14" fill="#333">✱</text>\n')
    finite = [p for p in path if all(math.isfinite(c) for c in p)]
    svg.append(f'<polyline points="{" ".join(f"{f(x(p[0]))},{f(y(p[1]))}" for p in finite)}" fill="none" stroke="#c0392b" stroke-width="1.8"/>\n')
    svg += [f'<circle cx="{f(x(p[0]))}" cy="{f(y(p[1]))}" r="2.5" fill="#c0392b"/>\n' for p in finite[:200]]
    for k in range(5):
        v1 = low[0] + (high[0] - low[0]) * k / 4
        v2 = low[1] + (high[1] - low[1]) * k / 4
        svg.append(f'<text x="{f(x(v1))}" y="{f(margin + size + 16)}" text-anchor="middle">{significant(v1, 3)}</text>\n')
        svg.append(f'<text x="{f(margin - 6)}" y="{f(y(v2) + 4)}" text-anchor="end">{significant(v2, 3)}</text>\n')
    svg.append(f'<text x="{f(margin + size / 2)}" y="{f(height - 8)}" text-anchor="middle">w₁</text>\n')
    svg.append(f'<text x="8" y="{f(margin - 14)}">w₂</text>\n')
    return "".join(svg) + "</svg>"


def render_html(title, blocks):
    out = ['<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8"/>\n'
           '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
           f"<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"]
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            out.append(f"<h{block[1]}>{esc(block[2])}</h{block[1]}>\n")
        elif kind == "prose":
            out.append(f'<div class="prose">\n{markdown_html(block[1])}</div>\n')
        elif kind == "paragraph":
            out.append(f"<p>{esc(block[1])}</p>\n")
        elif kind == "code":
            out.append(f'<pre><code class="language-{esc(block[1])}">{esc(block[2])}</code></pre>\n')
        elif kind == "equations":
            out.append('<div class="equations">\n' + "".join(
                f'<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">{mathml(line)}</math>\n' for line in block[1])
                + "</div>\n")
        elif kind == "table":
            out.append(html_table(block[1], block[2], block[3]))
        elif kind == "network":
            out.append(f"<figure>\n{network_svg(block[1])}\n<figcaption>The network with its initial weights W{{l}}[j,i] and biases."
                       "</figcaption>\n</figure>\n")
        elif kind == "plot":
            out.append(f"<figure>\n{line_plot_svg(block[2], block[1])}\n<figcaption>{esc(block[3])}</figcaption>\n</figure>\n")
        elif kind == "contours":
            out.append(f"<figure>\n{contour_svg(block[1], block[2])}\n<figcaption>Each update's (w₁, w₂) over contours of the loss "
                       "(evenly spaced in log L); ✱ marks the minimum.</figcaption>\n</figure>\n")
        elif kind == "links":
            out.append('<ul class="links">\n' + "".join(f'<li><a href="{esc(file)}">{esc(text)}</a>: {esc(note)}</li>\n'
                                                         for text, file, note in block[1]) + "</ul>\n")
        elif kind == "begin":
            out.append(f'<section class="keep" id="{esc(block[1])}">\n')
        elif kind == "end":
            out.append("</section>\n")
    out.append("</main>\n</body>\n</html>\n")
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons")
    parser.add_argument("output")
    parser.add_argument("--precision", type=int, default=4)
    parser.add_argument("--focus", help="the parameter of the worked examples (default: the first), or 'all'")
    args = parser.parse_args()

    os.makedirs(args.output, exist_ok=True)
    links = []
    for file in sorted(os.listdir(args.lessons)):
        if not file.endswith(".yaml"):
            continue
        name = file[:-5]
        with open(os.path.join(args.lessons, file), encoding="utf-8") as f:
            lesson = yaml.safe_load(f)
        if not lesson.get("optimizer"):
            continue
        exp = Experiment(lesson)
        records, divergence = run(exp)
        if divergence:
            print(f"{file}: the run diverged at t = {divergence[0]}", file=sys.stderr)
        page = render_html(exp.title, handout_blocks(exp, records, divergence, args.precision, args.focus))
        with open(os.path.join(args.output, name + ".html"), "w", encoding="utf-8") as f:
            f.write(page)
        links.append((exp.title, name + ".html", f"{DISPLAY_NAME[exp.optimizer]}, {counted(exp.steps, 'update')}"))
    index = render_html("Handouts", [("heading", 1, "Handouts"),
                                     ("paragraph", "One worked-example handout per lesson, each with its own optimizer and steps."),
                                     ("links", links)])
    with open(os.path.join(args.output, "index.html"), "w", encoding="utf-8") as f:
        f.write(index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
