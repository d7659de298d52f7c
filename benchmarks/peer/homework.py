#!/usr/bin/env python3
"""The peer for `trace homework`: one folder per student with their own variant of a lesson,
as a Python user would write it with numpy and PyYAML (reusing handouts.py's engine and
writers).

    python3 homework.py LESSON.yaml COUNT STEPS OUTPUT_DIR [--seed S]

Students are 001 … COUNT. For each student it does what `trace homework LESSON --count
COUNT --seed S --steps STEPS` does:

- draws a variant from a generator seeded by S and the student's id (trace's own
  SplitMix64 / xoshiro256** and FNV-1a, so both draw the same numbers): every weight and
  bias from the lesson's `variants:` section or the default grid of tenths in [-0.5, 0.5],
  every input from tenths in [0, 1], targets kept, a two-weight objective's start from
  halves in [-2, 2], η times ½, 1 or 2, the other hyperparameters kept;
- runs the variant for STEPS updates and checks that it is usable, drawing again (up to
  1000 times) when the run diverges, a sigmoid leaves [0.01, 0.99] or a tanh leaves
  [-0.99, 0.99], an asked value is zero, an asked w_new moves less than its tolerance, or
  an asked value's terms cancel (below a quarter of their summed size);
- writes key.json (the whole trace/v1 JSON trace of the variant: lesson, optimizer, every
  parameter's values and every sample's z, a, δ per step; then student, asked, tolerances),
  worksheet.md (LaTeX formulas) and worksheet.html (MathML, the network as SVG), both with
  the network, data, hyperparameters, the lecture's formulas and a blank table, and
  answers.csv (the template, one row per asked value).

Asked, as trace asks by default: for every update, the last layer's first weight (w1 for an
objective): g, the optimizer's state and w_new. Tolerances: 0.001 relative (0.005 for g),
or the lesson's `grading:` section.

For the bundled lessons it draws the same variants as trace; worksheet.md, worksheet.html
and answers.csv are the same byte for byte, and key.json holds the same keys and values
(within about 1e-13 relative; values that are 0 up to rounding differ by at most 1e-15), but
as `json.dumps` lays it out, on one line.

What it leaves out, against trace: no validation of the lesson or of the variant beyond the
hyperparameters' ranges, no --roster, --ask, --parameter, --optimizer or --convention (and
not Keras's or Optax's conventions), and it writes each student's files as it goes instead
of rendering everything before creating the folder.
"""
import argparse
import copy
import functools
import json
import math
import os
import sys

import numpy as np
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import handouts as H  # noqa: E402

DEFAULT_SOURCES = {"weights": ("grid", -0.5, 0.5, 0.1), "biases": ("grid", -0.5, 0.5, 0.1),
                   "inputs": ("grid", 0.0, 1.0, 0.1), "start": ("grid", -2.0, 2.0, 0.5), "targets": ("keep",),
                   "eta": ("scaled", [0.5, 1.0, 2.0])}
RANGES = {"eta": (0, None), "epsilon": (0, None), "lambda": (0, None), "l2": (0, None), "initial_accumulator": (0, None),
          "beta": (0, 1), "rho": (0, 1), "beta1": (0, 1), "beta2": (0, 1)}


class Grid:
    """min + k·step in whole units of 10⁻ᵈ, divided once: 0.3 is the double nearest 0.3."""

    def __init__(self, low, high, step):
        decimals = next((d for d in range(7) if all(abs(x * 10 ** d - round(x * 10 ** d)) <= 1e-9 * max(1, abs(x * 10 ** d))
                                                    for x in (low, step))), 6)
        self.scale = float(10 ** decimals)
        self.first = round(low * self.scale)
        self.step = max(1, round(step * self.scale))
        self.count = (round(high * self.scale) - self.first) // self.step + 1

    def value(self, k):
        return (self.first + k * self.step) / self.scale


@functools.lru_cache(maxsize=None)
def grid_of(low, high, step):
    return Grid(low, high, step)


def source(variants, kind):
    entry = variants.get(kind)
    if entry is None:
        return DEFAULT_SOURCES.get(kind, ("keep",))
    if entry == "keep":
        return ("keep",)
    if isinstance(entry, list):
        return ("choices", [float(x) for x in entry])
    return ("grid", float(entry["min"]), float(entry["max"]), float(entry["step"]))


def pick(src, value, generator):
    if src[0] == "keep":
        return value
    if src[0] == "choices":
        return src[1][generator.uniform(len(src[1]))]
    if src[0] == "scaled":
        return float("%.12g" % (value * src[1][generator.uniform(len(src[1]))]))
    grid = grid_of(*src[1:])
    return grid.value(generator.uniform(grid.count))


def draw(base, variants, generator):
    """A variant of the experiment: new numbers in trace's order of draws."""
    exp = copy.copy(base)
    if base.objective is None:
        weights, biases = source(variants, "weights"), source(variants, "biases")
        exp.layers = [dict(layer, weights=[[pick(weights, x, generator) for x in row] for row in layer["weights"]])
                      for layer in base.layers]
        for layer in exp.layers:
            layer["biases"] = [pick(biases, x, generator) for x in layer["biases"]]
        inputs, targets = source(variants, "inputs"), source(variants, "targets")
        exp.inputs = [[pick(inputs, x, generator) for x in row] for row in base.inputs]
        exp.targets = [[pick(targets, x, generator) for x in row] for row in base.targets]
    else:
        start = source(variants, "start")
        exp.start = [pick(start, x, generator) for x in base.start]
    exp.hyper = [(k, pick(source(variants, k), v, generator)) for k, v in base.hyper]
    if base.l2 is not None:
        exp.l2 = pick(source(variants, "l2"), base.l2, generator)
    return exp


def hyperparameter_problem(exp):
    for k, v in exp.update_hyperparameters():
        low, below = RANGES.get(k, (None, None))
        if not math.isfinite(v) or (low is not None and v < low) or (below is not None and v >= below):
            return f"{k} is out of range"
    return None


def measure(e, leaf):
    """(value, size): the value and what it would be if none of its terms cancelled."""
    symbols = H.symbols_of(e)
    if not symbols & H.PER_PARAMETER or e[0] not in ("s", "+", "-", "*", "/", "^", "sqrt"):
        value = np.float64(H.evaluate(e, {s: leaf(s) for s in symbols}))
        return value, abs(value)
    op = e[0]
    if op == "s":
        value = leaf(e[1])
        return value, abs(value)
    if op == "sqrt":
        value, size = measure(e[1], leaf)
        return np.sqrt(value), np.sqrt(size)
    if op == "^":
        value, size = measure(e[1], leaf)
        exponent = H.evaluate(e[2], {s: leaf(s) for s in H.symbols_of(e[2])})
        return np.power(value, exponent), np.power(size, exponent)
    (va, sa), (vb, sb) = measure(e[1], leaf), measure(e[2], leaf)
    if op == "+":
        return va + vb, sa + sb
    if op == "-":
        return va - vb, sa + sb
    if op == "*":
        return va * vb, sa * sb
    return va / vb, sa * sb / (vb * vb)


def gradient_ratio(exp, step, p):
    role = exp.roles[p]
    if role[0] == "c":
        return 1.0
    total = size = 0.0
    for _, x, _, _, layers in step.samples:
        if role[0] == "w":
            _, l, j, i = role
            term = float(layers[l - 1][2][j - 1]) * float((layers[l - 2][1] if l > 1 else x)[i - 1])
        else:
            term = float(layers[role[1] - 1][2][role[2] - 1])
        total += term
        size += abs(term)
    return 1.0 if size == 0 else abs(total) / size


def problem(exp, records, divergence, asked, tolerances):
    """Why the variant is drawn again, or None: trace's VariantCheck."""
    if divergence:
        return f"it diverges at t = {divergence[0]}"
    for step in records:
        for _, _, _, _, layers in step.samples:
            for l, (_, a, _) in enumerate(layers):
                activation = exp.layers[l]["activation"]
                if activation == "sigmoid" and np.any((a < 0.01) | (a > 0.99)):
                    return f"a sigmoid of layer {l + 1} saturates"
                if activation == "tanh" and np.any(np.abs(a) > 0.99):
                    return f"a tanh of layer {l + 1} saturates"
    for t, name, quantity in asked:
        if quantity == "w":
            continue
        p = exp.names.index(name)
        step = records[t - 1]
        computed = float(step.values[quantity][p])
        if quantity == "w_new":
            rtol, atol = tolerances["w_new"]
            before = float(step.values["w"][p])
            if math.isfinite(before) and math.isfinite(computed) and abs(before - computed) <= atol + rtol * abs(computed):
                return f"{name} moves less than its tolerance at t = {t}"
        if abs(computed) <= 1e-12:
            return f"{quantity} of {name} at t = {t} is zero"
        ratio = gradient_ratio(exp, step, p) if quantity == "g" else 1.0
        for k, (target, expression) in enumerate(exp.equations):
            if target == quantity:
                value, size = measure(expression, lambda s: np.float64(H.value_read(step, exp, s, p, k)))
                ratio = min(ratio, 1.0 if size == 0 else abs(value) / size)
                break
        if ratio < 0.25:
            return f"the terms of {quantity} of {name} at t = {t} cancel"
    return None


# --- the files ---------------------------------------------------------------------------

def finite(x):
    x = float(x)
    return x if math.isfinite(x) else H.exact(x)  # JSON has no NaN: "nan", "inf", "-inf"


def numbers(xs):
    return [finite(x) for x in xs]


def key_json(exp, records, divergence, student, asked, tolerances):
    """The variant's trace/v1 JSON trace, then the student, the asked values and their tolerances."""
    training = {"steps": exp.steps, "batch_size": exp.batch_size}
    if exp.shuffle_seed is not None:
        training.update(shuffle=True, seed=exp.shuffle_seed)
    lesson = {"title": exp.title}
    if exp.summary:
        lesson["summary"] = exp.summary
    if exp.objective:
        o = exp.objective
        lesson["objective"] = {"function": o["function"], **dict(o["constants"]), "start": exp.start}
    else:
        lesson["model"] = {"loss": exp.loss, "layers": [{"activation": l["activation"], "weights": l["weights"], "biases": l["biases"]}
                                                        for l in exp.layers]}
        lesson["data"] = {"inputs": exp.inputs, "targets": exp.targets}
    lesson["training"] = training
    optimizer = {"name": exp.optimizer, "convention": exp.convention, "hyperparameters": dict(exp.update_hyperparameters())}
    if exp.schedule:
        schedule = {"name": exp.schedule["name"],
                    **{k: int(v) if k in ("every", "period") else v for k, v in exp.schedule["params"]}}
        lesson["schedule"] = optimizer["schedule"] = schedule
    steps = []
    for step in records:
        columns = [(s, step.values[s].tolist()) for s in exp.recorded]
        if exp.l2 is not None:
            columns.insert(2, ("g_data", step.carried["g"].tolist()))
        steps.append({
            "t": step.t, "epoch": step.epoch, "batch": step.batch, "eta": finite(step.eta), "loss": finite(step.loss),
            "parameters": {name: {s: finite(c[p]) for s, c in columns} for p, name in enumerate(exp.names)},
            "samples": [{"index": index, "x": x.tolist(), "y": y.tolist(), "loss": finite(loss),
                         "layers": [{"z": numbers(z), "a": numbers(a), "delta": numbers(d)} for z, a, d in layers]}
                        for index, x, y, loss, layers in step.samples]})
    key = {"schema": "trace/v1", "lesson": lesson, "optimizer": optimizer, "parameters": exp.names, "steps": steps,
           "diverged_at": divergence[0] if divergence else None, "student": student,
           "asked": [{"t": t, "parameter": name, "quantity": q} for t, name, q in asked],
           "tolerances": {q: {"rtol": tolerances[q][0], "atol": tolerances[q][1]} for q in dict.fromkeys(q for _, _, q in asked)}}
    return json.dumps(key, ensure_ascii=False) + "\n"


def state_start(exp):
    """`state starts at 0`, or for AdaGrad `s starts at s₀ = 0`."""
    initial = H.INITIAL_STATE.get(exp.optimizer, {})
    starts = [f"{H.UNICODE[s]} starts at {H.UNICODE[initial[s]]} = {H.exact(exp.scalars()[initial[s]])}" for s in exp.state if s in initial]
    if not starts:
        return "state starts at 0"
    return ", ".join(starts) + (", the rest of the state at 0" if len(exp.state) > len(starts) else "")


def worksheet_blocks(exp, student, asked):
    vector = lambda xs: "(" + ", ".join(H.exact(float(x)) for x in xs) + ")"
    titled = copy.copy(exp)
    titled.title = f"{exp.title}: homework for {student}"
    blocks = H.introduction(titled, H.exact, vector, summary=False)
    inputs = "η given above" if exp.objective else "the batch and η given above"
    t, name, q = asked[0]
    example = f'{{"steps": [{{"t": {t}, "parameters": {{"{name}": {{"{q}": …}}}}}}]}}'
    blocks += [("heading", 2, "Your task"),
               ("paragraph", "Compute the values below by hand, to four significant digits or better, with t counting updates "
                             f"from 1 ({state_start(exp)}). Each update uses {inputs}. Write each value in answers.csv "
                             f"(one row per value: t, parameter, quantity, value) or in answers.json, shaped {example}. A value "
                             "computed from one of your own earlier values is marked right when it follows from that value, so "
                             "one slip costs one mark.")]
    for parameter in dict.fromkeys(name for _, name, _ in asked):
        own = [(t, q) for t, name, q in asked if name == parameter]
        quantities = list(dict.fromkeys(q for _, q in own))
        steps = list(dict.fromkeys(t for t, _ in own))
        label = lambda q: q if q == "w_new" or H.UNICODE[q] == q else f"{H.UNICODE[q]} ({q})"
        rows = [[str(t)] + ["" if (t, q) in own else "—" for q in quantities] for t in steps]
        blocks.append(("table", ["t"] + [label(q) for q in quantities], rows,
                       f"{parameter}: the values update t computes (w_new is the weight after it)."))
    return blocks


MD_ESCAPES = str.maketrans({**{c: "\\" + c for c in "\\`*_[]#$~"}, "\n": " ", "\r": " ", "<": "&lt;", ">": "&gt;", "&": "&amp;"})


def md_escape(text):
    return text.translate(MD_ESCAPES)


def render_markdown(blocks):
    out = []
    for block in blocks:
        kind = block[0]
        if kind == "heading":
            out.append("#" * block[1] + " " + md_escape(block[2]) + "\n\n")
        elif kind == "paragraph":
            out.append(md_escape(block[1]) + "\n\n")
        elif kind == "equations":
            out += [f"$$\n{H.latex(line)}\n$$\n\n" for line in block[1]]
        elif kind == "table":
            header, rows, caption = block[1:]
            numeric = H.numeric_columns(header, rows)
            cell = lambda text: md_escape(text).replace("|", "\\|")
            out.append((f"*{md_escape(caption)}*\n\n" if caption is not None else "")
                       + "| " + " | ".join(cell(h) for h in header) + " |\n"
                       + "|" + "".join(" ---: |" if n else " --- |" for n in numeric) + "\n"
                       + "".join("| " + " | ".join(cell(c) for c in row) + " |\n" for row in rows) + "\n")
        elif kind == "network":
            sizes = [len(block[1].layers[0]["weights"][0])] + [len(l["weights"]) for l in block[1].layers]
            out.append(f"Units per layer, from the input: {' → '.join(map(str, sizes))}.\n\n")
    return "".join(out)


def fnv1a(text):
    h = 0xcbf29ce484222325
    for byte in text.encode():
        h = ((h ^ byte) * 0x100000001b3) & H.MASK
    return h


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lesson")
    parser.add_argument("count", type=int)
    parser.add_argument("steps", type=int)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()

    with open(args.lesson, encoding="utf-8") as f:
        lesson = yaml.safe_load(f)
    base = H.Experiment(lesson, steps=args.steps)
    variants = lesson.get("variants") or {}
    grading = lesson.get("grading") or {}
    if base.objective:
        parameter = base.names[0]
    else:
        last = len(base.layers)
        parameter = next(n for n in base.names if n.startswith(f"W{last}["))
    quantities = [s for s in base.recorded if s != "w"]
    asked = [(t, parameter, q) for t in range(1, base.steps + 1) for q in quantities]
    tolerances = {}
    for q in quantities:
        own = (grading.get("quantities") or {}).get(q, {})
        rtol = own.get("rtol", grading.get("rtol", 0.005 if q == "g" else 0.001))
        tolerances[q] = (float(rtol), float(own.get("atol", grading.get("atol", 1e-12))))

    os.makedirs(args.output, exist_ok=True)
    width = max(3, len(str(args.count)))
    for n in range(1, args.count + 1):
        student = str(n).zfill(width)
        generator = H.Xoshiro(H.SplitMix64(args.seed).next() ^ fnv1a(student))
        for _ in range(1000):
            exp = draw(base, variants, generator)
            if hyperparameter_problem(exp):
                continue
            records, divergence = H.run(exp)
            if not problem(exp, records, divergence, asked, tolerances):
                break
        else:
            sys.exit(f"{args.lesson}: no usable variant for {student} in 1000 draws")
        folder = os.path.join(args.output, student)
        os.makedirs(folder, exist_ok=True)
        blocks = worksheet_blocks(exp, student, asked)
        files = {
            "worksheet.md": render_markdown(blocks),
            "worksheet.html": H.render_html(blocks[0][2], blocks),
            "answers.csv": "t,parameter,quantity,value\n" + "".join(
                f"{t},{chr(34) + name + chr(34) if ',' in name else name},{q},\n" for t, name, q in asked),
            "key.json": key_json(exp, records, divergence, student, asked, tolerances),
        }
        for name, text in files.items():
            with open(os.path.join(folder, name), "w", encoding="utf-8") as f:
                f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
