#!/usr/bin/env python3
"""Reference values for error carried forward through the chain rule (chain-ecf.json).

A student who computes the forward and backward pass by hand writes each sample's z, a,
delta (and loss) layer by layer; a slip in one value should cost that value only, so
every value after it is graded against what the formulas give from the student's own
earlier values.  This script computes, for a few cases, every such value twice: the
key (no answers) and the carried-forward value (with the student's answers), from the
lecture's formulas:

    z_l[j] = sum_i W_l[j,i] * a_(l-1)[i] + b_l[j]         a_0 = x
    a_l[j] = f_l(z_l[j])                  (softmax: a_L = softmax(z_L), from the whole z_L)
    L      = the sample's loss of y and yhat = a_L
    delta_L[k] = dL/dyhat_k * f'_L(z_L[k], a_L[k])         (softmax: through its Jacobian)
    delta_l[j] = (sum_k W_(l+1)[k,j] * delta_(l+1)[k]) * f'_l(z_l[j], a_l[j])
    g(W_l[j,i]) = mean over the batch of delta_l[j] * a_(l-1)[i];  g(b_l[j]) = mean of delta_l[j]
    then the optimizer's equations (make_ecf_fixtures.equations) give w_new.

"The student's own earlier values" means: the value is computed from the *believed*
values before it (an answer where the student gave one, else the value computed from
believed values), and it is itself believed to be the student's answer if there is one.
So a wrong z_l[j] changes a_l[j] (a = f(z) of the wrong z), the loss if l is the last
layer, every delta (through f'(z, a) of that unit, and for l < L nothing above it),
the gradient of the parameters it feeds and of its own row, and w_new; a wrong a changes
the layers above, the loss, delta through f'(a) (sigmoid: a(1 - a); tanh: 1 - a^2) and
g = delta * a.  f'(z, a) is make_fixtures.derivative, which reads a for sigmoid and tanh
and z for relu, as the lecture writes sigma' = sigma(1 - sigma).  For a softmax output
the chain rule goes through softmax's Jacobian at the believed yhat (make_fixtures'
sample_pass), not through the simplification yhat - y: they agree for one-hot targets,
so a program that uses yhat - y is checked by this too.  The loss is computed from the
believed yhat (cross-entropy: -sum y log yhat).

The weights a step starts from are those of the previous step's w_new (computed, no
per-parameter answers here: make_ecf_fixtures.py covers those).

Written from the formulas above and make_fixtures.py's helpers, without the Swift
sources.  Rerun:  python3 Tests/Fixtures/reference/make_chain_ecf_fixtures.py
It needs what make_fixtures.py needs (numpy, PyYAML); two runs write the same bytes.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the fixtures folder

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_fixtures as mf  # noqa: E402
import make_ecf_fixtures as ecf  # noqa: E402

F = mf.F
OUT = HERE / "chain-ecf.json"
SAMPLE_QUANTITIES = ("z", "a", "delta", "loss")


def unit_name(q: str, layer: int, unit: int) -> str:
    """z2[1]: quantity, layer (from 1), unit (from 1); the loss has none: loss."""
    return "loss" if q == "loss" else f"{q}{layer}[{unit}]"


def replay(c: dict, lesson: dict, answers: list[dict]) -> dict:
    """records[(t, sample, name)] = (expected, believed) for every z, a, delta and loss;
    params[(t, parameter, quantity)] = value for g and w_new (computed from believed values)."""
    opt, conv, hp = c["optimizer"], c["convention"], c["hyperparameters"]
    assert c.get("schedule") is None and c.get("l2") is None and c["shuffle_seed"] is None, c["name"]
    X, Y, loss = lesson["X"], lesson["Y"], lesson["loss"]
    names = mf.parameter_names(lesson["layers"])
    fixed = set(lesson["fixed"])
    ans = {}
    for a in answers:
        key = (a["t"], a["sample"], a["name"])
        assert key not in ans, key
        ans[key] = F(a["value"])
    used = set()
    records, params = {}, {}

    def settle(t, s, name, expected):
        key = (t, s, name)
        believed = ans.get(key, expected)
        if key in ans:
            used.add(key)
        records[key] = (expected, believed)
        return believed

    eqs = ecf.equations(opt, conv, hp)
    prev = [{k: F(0.0) for k in mf.STATE_KEYS[opt]} for _ in names]
    w = mf.get_params(lesson["layers"])
    for t, batch in enumerate(ecf.batches_of(c, len(X)), start=1):
        layers = mf.set_params(lesson["layers"], w)
        g_acc = [F(0.0)] * len(names)
        for s0 in batch:
            s = s0 + 1
            x, y = X[s0], Y[s0]
            zs, as_ = [], []
            a_prev = x
            for l, layer in enumerate(layers, start=1):
                z = []
                for j, row in enumerate(layer["W"], start=1):
                    acc = F(0.0)
                    for i, wji in enumerate(row):
                        acc = acc + wji * a_prev[i]
                    z.append(settle(t, s, unit_name("z", l, j), acc + layer["b"][j - 1]))
                if layer["activation"] == "softmax":
                    computed = mf.softmax(z)
                else:
                    computed = [mf.activate(layer["activation"], zj) for zj in z]
                a = [settle(t, s, unit_name("a", l, j), computed[j - 1]) for j in range(1, len(z) + 1)]
                zs.append(z)
                as_.append(a)
                a_prev = a
            yhat = as_[-1]
            K = len(yhat)
            settle(t, s, "loss", mf.sample_loss(loss, y, yhat))
            L = len(layers)
            deltas = [None] * L
            last = layers[-1]["activation"]
            if last == "softmax":
                out = mf.softmax_output_delta(loss, y, yhat)
            else:
                out = [mf.loss_derivative(loss, y[k], yhat[k], K) * mf.derivative(last, zs[-1][k], yhat[k])
                       for k in range(K)]
            deltas[-1] = [settle(t, s, unit_name("delta", L, k + 1), out[k]) for k in range(K)]
            for l in range(L - 2, -1, -1):
                Wn, dn = layers[l + 1]["W"], deltas[l + 1]
                d = []
                for j in range(len(zs[l])):
                    acc = F(0.0)
                    for k in range(len(Wn)):
                        acc = acc + Wn[k][j] * dn[k]
                    d.append(settle(t, s, unit_name("delta", l + 1, j + 1),
                                    acc * mf.derivative(layers[l]["activation"], zs[l][j], as_[l][j])))
                deltas[l] = d
            grads = []
            for l, layer in enumerate(layers):
                inp = x if l == 0 else as_[l - 1]
                for j, row in enumerate(layer["W"]):
                    for i in range(len(row)):
                        grads.append(deltas[l][j] * inp[i])
                    grads.append(deltas[l][j])
            g_acc = [ga + gs for ga, gs in zip(g_acc, grads)]
        g = [ga / F(len(batch)) for ga in g_acc]
        new_prev, new_w = [], []
        for p, nm in enumerate(names):
            b = {"w": w[p], "g": g[p]}
            for q, fn in eqs:
                b[q] = fn(t, F(hp["eta"]), b, prev[p])
            if nm in fixed:
                b["w_new"] = w[p]
            for q in ("w", "g", "w_new"):
                params[(t, nm, q)] = b[q]
            new_prev.append({k: b[k] for k in mf.STATE_KEYS[opt]})
            new_w.append(b["w_new"])
        prev, w = new_prev, new_w
    assert used == set(ans), ("answers that name no value", c["name"], set(ans) - used)
    return {"records": records, "params": params}


def spec(name, lesson, optimizer, hyper, steps, batch_size, answers, convention="lecture"):
    return {"case": {"name": name, "lesson": lesson, "optimizer": optimizer, "convention": convention,
                     "hyperparameters": hyper, "steps": steps, "batch_size": batch_size,
                     "shuffle_seed": None},
            "answers": answers}


def answer(t, sample, name, value):
    return {"t": t, "sample": sample, "name": name, "value": value}


def build_specs() -> list[dict]:
    # Each slip is far outside a grading tolerance (0.5 %), so that a grader can be tested
    # on these cases too: the slipped value wrong, the chain after it right from it.
    mazur = "lessons/mazur-fixed-biases.yaml"
    return [
        # Matt Mazur's 2-2-2 example, biases fixed, gd: no answers, then one slip at each place.
        spec("chain-mazur-key", mazur, "gd", {"eta": 0.5}, 2, "full", []),
        spec("chain-mazur-wrong-z1", mazur, "gd", {"eta": 0.5}, 2, "full",
             [answer(1, 1, "z1[1]", 1.3775)]),  # 0.3775 with a digit slipped
        spec("chain-mazur-wrong-a2", mazur, "gd", {"eta": 0.5}, 2, "full",
             [answer(1, 1, "a2[2]", 0.6729)]),  # 0.772928465 with a digit slipped
        spec("chain-mazur-wrong-delta2-then-right-delta1", mazur, "gd", {"eta": 0.5}, 1, "full",
             [answer(1, 1, "delta2[1]", -0.1385)]),  # 0.138498562 with its sign flipped
        spec("chain-mazur-wrong-z2-and-loss", mazur, "gd", {"eta": 0.5}, 1, "full",
             [answer(1, 1, "z2[2]", 1.5249), answer(1, 1, "loss", 0.35)]),
        # Two samples in a batch, tanh then sigmoid: a slip in sample 2 only.
        spec("chain-2-2-1-batch-wrong-sample2", "lessons/tanh-sigmoid-2-2-1.yaml", "adam",
             {**mf.ADAM, "eta": 0.01}, 2, "full", [answer(1, 2, "z1[2]", 1.5), answer(2, 3, "a1[1]", -0.75)]),
        # Softmax with cross-entropy: a wrong hidden a and a wrong output z.
        spec("chain-softmax-wrong-a1-z2", "lessons/softmax-2-2-3.yaml", "sgd", {"eta": 0.5}, 2, 1,
             [answer(1, 1, "a1[2]", 0.2), answer(2, 2, "z2[3]", 1.5)]),
    ]


def to_json(x: F) -> float:
    return float(x)


def main() -> int:
    lessons = {}
    cases = []
    for sp in build_specs():
        c = sp["case"]
        lesson = lessons.setdefault(c["lesson"], mf.load_lesson(c["lesson"]))
        plain = replay(c, lesson, [])
        res = replay(c, lesson, sp["answers"])
        # Self-checks: the plain replay is the plain run of make_fixtures.run_case, value for value.
        trace = mf.run_case(c, lesson)
        for step in trace["steps"]:
            t = step["t"]
            for sample in step["samples"]:
                s = sample["index"]
                assert plain["records"][(t, s, "loss")][0] == F(sample["loss"]), (c["name"], t, s)
                for l, layer in enumerate(sample["layers"], start=1):
                    for q in ("z", "a", "delta"):
                        for j, v in enumerate(layer[q], start=1):
                            assert plain["records"][(t, s, unit_name(q, l, j))][0] == F(v), (c["name"], t, s, q, l, j)
            for nm, values in step["parameters"].items():
                for q in ("w", "g", "w_new"):
                    assert plain["params"][(t, nm, q)] == F(values[q]), (c["name"], t, nm, q)
        # Every answered value is wrong by the key (a slip), and changes what follows it.
        for a in sp["answers"]:
            key = (a["t"], a["sample"], a["name"])
            assert abs(a["value"] - float(plain["records"][key][0])) > 1e-6 * abs(a["value"]), (c["name"], key)
        expected = []
        for (t, s, name), (exp, _) in sorted(res["records"].items(), key=lambda kv: kv[0]):
            expected.append({"t": t, "sample": s, "name": name, "key": to_json(plain["records"][(t, s, name)][0]),
                             "carried_forward": to_json(exp)})
        parameters = []
        for (t, nm, q), v in sorted(res["params"].items(), key=lambda kv: kv[0]):
            parameters.append({"t": t, "parameter": nm, "quantity": q,
                               "key": to_json(plain["params"][(t, nm, q)]), "carried_forward": to_json(v)})
        if sp["answers"]:
            assert any(e["key"] != e["carried_forward"] for e in expected if
                       (e["t"], e["sample"], e["name"]) not in {(a["t"], a["sample"], a["name"]) for a in sp["answers"]}), c["name"]
            assert any(p["key"] != p["carried_forward"] for p in parameters if p["quantity"] == "g"), c["name"]
        else:
            assert all(e["key"] == e["carried_forward"] for e in expected), c["name"]
        cases.append({"name": c["name"], "case": c, "answers": sp["answers"], "expected": expected,
                      "parameters": parameters})
        changed = sum(e["key"] != e["carried_forward"] for e in expected)
        print(f"ok  {c['name']:<48} {len(expected)} per-sample values ({changed} carried differ), "
              f"{len(parameters)} parameter values")
    with open(OUT, "w", encoding="utf-8") as fh:
        json.dump({"generated_by": "Tests/Fixtures/reference/make_chain_ecf_fixtures.py", "cases": cases},
                  fh, indent=1)
        fh.write("\n")
    print(f"wrote {OUT.name} ({len(cases)} cases)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
