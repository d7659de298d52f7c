#!/usr/bin/env python3
"""Reference values for grading hand computations with "error carried forward" (ECF).

Writes ecf.json next to this file (see ECF.md).  Reuses make_fixtures.py (imported,
not changed) for the lessons, the forward and backward pass, batching and shuffling,
the learning-rate schedule, the L2 term and the optimizers' arithmetic, so that a
faithful implementation agrees with these values to 1e-12 relative.

How to rerun
------------
    python3 Tests/Fixtures/reference/make_ecf_fixtures.py

from any directory.  Deterministic: two runs write the same bytes.  Every self-check
runs before anything is written; the script exits nonzero if one fails.

ECF semantics (what "carried_forward" means)
--------------------------------------------
A case is a cases.json-style case plus the student's `answers`
({t, parameter, quantity, value}) and the `asked` entries ({t, parameter, quantity}).
Quantities: w, g, the optimizer's state (momentum v; adagrad s; rmsprop ss;
adam/adamw m, v, m_hat, v_hat) and w_new.  The replay runs t = 1..steps with the
plain run's batches (same order and shuffle) and the plain run's eta_t.  Every value
has an "expected" value (computed by the replay from believed inputs) and a "believed"
value (the student's answer if they gave one for that t, parameter and quantity, else
the expected value):

  1. w(t): expected = believed w_new(t-1) (the lesson's initial weights at t = 1).
  2. g(t): forward and backward pass on the step's batch at the believed w of ALL
     parameters, batch-mean gradient g_data; expected = g_data, or with l2
     g_data + l2*w (believed w).
  3. The optimizer's equations, in order, each from believed inputs (the state of
     t-1 is the believed state of t-1; values of this step are believed values):
       momentum v, w_new; adagrad s, w_new; rmsprop ss, w_new;
       adam/adamw m, v, m_hat, v_hat, w_new (m_hat from believed m, v_hat from
       believed v, w_new from believed w, m_hat, v_hat; AdamW's decay term uses the
       believed w); gd/sgd/minibatch w_new.
     The formulas and the order of operations are make_fixtures.optimizer_step's,
     split into one function per equation.
  4. The believed state and the believed w_new carry into step t+1.

For every asked entry the output gives "key" (the value in the plain run, without
any answers, i.e. make_fixtures.run_case) and "carried_forward" (the replay's
expected value).

Self-checks
-----------
* With no answers the replay equals make_fixtures.run_case bit for bit (every w, g,
  state value and w_new of every step), for every non-diverging case in
  make_fixtures.build_cases() and for every case here; batches and eta_t always equal
  the plain run's.
* Every expected g of every replay step against a second implementation
  (make_fixtures.vectorised_run, numpy matrices, started from the believed weights on
  that step's batch), and every expected g computed at weights that differ from the
  plain run's against central finite differences of the (penalised) batch objective.
* Every optimizer equation against make_fixtures.optimizer_step fed the same believed
  w, g and previous believed state, as far as the student's answers within the step
  do not intervene.
* The answers are written, read back from JSON and replayed; a "consistent" student
  (every answer after the slip is the carried-forward value) reproduces exactly the
  replay that generated their answers.
* Per case: exactly which asked values differ from the key (the slip's downstream
  values, coupled through the forward pass as the network's structure dictates),
  plus case-specific facts (PyTorch momentum's v = g at t = 1, a copied w that
  differs from the previous w_new, rounded answers, no answers = key).
* Fixture quality: every value is finite, no pre-activation of a replay is a
  near-total cancellation, no carried-forward w_new is, and wherever key and
  carried_forward differ they differ by more than 1e-10 relative.
"""

from __future__ import annotations

import json
import math
import sys
import traceback
from pathlib import Path

sys.dont_write_bytecode = True  # do not leave __pycache__ in the fixtures folder

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402

import make_fixtures as mf  # noqa: E402

F = mf.F
OUT = HERE / "ecf.json"
ADAM = mf.ADAM


def quantities(opt: str, conv: str = "lecture") -> tuple[str, ...]:
    return ("w", "g") + mf.recorded_state_keys(opt, conv) + ("w_new",)


# ---------------------------------------------------------------------------
# make_fixtures.optimizer_step, split into one function per equation.
# Each is fn(t, eta, b, prev) -> F with b the believed values of this parameter in
# this step so far (w, g, and the equations already done) and prev the believed
# state of step t-1.  Same F() conversions, formulas and operation order.
# ---------------------------------------------------------------------------


def equations(opt: str, conv: str, hp: dict):
    if opt in ("gd", "sgd", "minibatch"):
        return [("w_new", lambda t, eta, b, prev: b["w"] - eta * b["g"])]
    if opt == "momentum":
        beta = F(hp["beta"])
        if conv == "lecture":
            v = lambda t, eta, b, prev: beta * prev["v"] + (F(1.0) - beta) * b["g"]
        else:
            v = lambda t, eta, b, prev: b["g"] if t == 1 else beta * prev["v"] + b["g"]
        return [("v", v), ("w_new", lambda t, eta, b, prev: b["w"] - eta * b["v"])]
    if opt == "nesterov":
        beta = F(hp["beta"])
        if conv == "lecture":
            v = lambda t, eta, b, prev: beta * prev["v"] + (F(1.0) - beta) * b["g"]
            wn = lambda t, eta, b, prev: b["w"] - eta * (beta * b["v"] + (F(1.0) - beta) * b["g"])
        else:
            v = lambda t, eta, b, prev: b["g"] if t == 1 else beta * prev["v"] + b["g"]
            wn = lambda t, eta, b, prev: b["w"] - eta * (b["g"] + beta * b["v"])
        return [("v", v), ("w_new", wn)]
    if opt == "adagrad":
        eps = F(hp["epsilon"])
        s = lambda t, eta, b, prev: prev["s"] + b["g"] * b["g"]
        if conv == "lecture":
            wn = lambda t, eta, b, prev: b["w"] - (eta / mf.c_sqrt(b["s"] + eps)) * b["g"]
        else:
            wn = lambda t, eta, b, prev: b["w"] - (eta * b["g"]) / (mf.c_sqrt(b["s"]) + eps)
        return [("s", s), ("w_new", wn)]
    if opt == "rmsprop":
        rho, eps = F(hp["rho"]), F(hp["epsilon"])
        ss = lambda t, eta, b, prev: rho * prev["ss"] + (F(1.0) - rho) * (b["g"] * b["g"])
        if conv == "lecture":
            wn = lambda t, eta, b, prev: b["w"] - (eta / mf.c_sqrt(b["ss"] + eps)) * b["g"]
        else:
            wn = lambda t, eta, b, prev: b["w"] - (eta * b["g"]) / (mf.c_sqrt(b["ss"]) + eps)
        return [("ss", ss), ("w_new", wn)]
    if opt in ("adam", "adamw"):
        b1, b2, eps = F(hp["beta1"]), F(hp["beta2"]), F(hp["epsilon"])
        eqs = [
            ("m", lambda t, eta, b, prev: b1 * prev["m"] + (F(1.0) - b1) * b["g"]),
            ("v", lambda t, eta, b, prev: b2 * prev["v"] + (F(1.0) - b2) * (b["g"] * b["g"])),
            ("m_hat", lambda t, eta, b, prev: b["m"] / (F(1.0) - mf.c_pow(b1, t))),
            ("v_hat", lambda t, eta, b, prev: b["v"] / (F(1.0) - mf.c_pow(b2, t))),
        ]
        if opt == "adam":
            if conv == "lecture":
                wn = lambda t, eta, b, prev: b["w"] - (eta / mf.c_sqrt(b["v_hat"] + eps)) * b["m_hat"]
            else:
                wn = lambda t, eta, b, prev: b["w"] - (eta * b["m_hat"]) / (mf.c_sqrt(b["v_hat"]) + eps)
        else:
            lam = F(hp["lambda"])
            if conv == "lecture":
                wn = lambda t, eta, b, prev: ((b["w"] - (eta / mf.c_sqrt(b["v_hat"] + eps)) * b["m_hat"])
                                              - (eta * lam) * b["w"])
            else:
                wn = lambda t, eta, b, prev: (b["w"] * (F(1.0) - eta * lam)
                                              - (eta * b["m_hat"]) / (mf.c_sqrt(b["v_hat"]) + eps))
        return eqs + [("w_new", wn)]
    if opt == "amsgrad":
        b1, b2, eps = F(hp["beta1"]), F(hp["beta2"]), F(hp["epsilon"])
        eqs = [
            ("m", lambda t, eta, b, prev: b1 * prev["m"] + (F(1.0) - b1) * b["g"]),
            ("v", lambda t, eta, b, prev: b2 * prev["v"] + (F(1.0) - b2) * (b["g"] * b["g"])),
            ("m_hat", lambda t, eta, b, prev: b["m"] / (F(1.0) - mf.c_pow(b1, t))),
        ]
        if conv == "lecture":
            return eqs + [
                ("v_hat", lambda t, eta, b, prev: b["v"] / (F(1.0) - mf.c_pow(b2, t))),
                ("v_max", lambda t, eta, b, prev: mf.nan_max(prev["v_max"], b["v_hat"])),
                ("w_new", lambda t, eta, b, prev: b["w"] - (eta / mf.c_sqrt(b["v_max"] + eps)) * b["m_hat"]),
            ]
        return eqs + [
            ("v_max", lambda t, eta, b, prev: mf.nan_max(prev["v_max"], b["v"])),
            ("v_hat", lambda t, eta, b, prev: b["v_max"] / (F(1.0) - mf.c_pow(b2, t))),
            ("w_new", lambda t, eta, b, prev: b["w"] - (eta * b["m_hat"]) / (mf.c_sqrt(b["v_hat"]) + eps)),
        ]
    raise ValueError(opt)


# ---------------------------------------------------------------------------
# The replay.
# ---------------------------------------------------------------------------


def batches_of(c: dict, n: int) -> list[list[int]]:
    """The plain run's batches (0-based), as make_fixtures.run_case forms them."""
    B = n if c["batch_size"] == "full" else min(c["batch_size"], n)
    bpe = -(-n // B)
    rng = mf.Xoshiro256StarStar(c["shuffle_seed"]) if c["shuffle_seed"] is not None else None
    out, order = [], None
    for t in range(1, c["steps"] + 1):
        k = (t - 1) % bpe
        if k == 0:
            order = mf.epoch_order(n, rng)
        out.append(order[k * B: min((k + 1) * B, n)])
    return out


def replay(c: dict, lesson: dict, answers: list[dict], student=None) -> dict:
    """ECF replay.  answers: [{t, parameter, quantity, value}].  student (optional):
    fn(key, expected, ctx) -> value or None, called as each value is reached, to
    simulate a student who answers from their own earlier (believed) values; what it
    returns is added to the answers.  Returns records[(t, name, q)] = (expected, believed),
    the answers dict, and per step the batch, eta_t, believed w, the pre-activations
    and the believed state carried in."""
    opt, conv, hp = c["optimizer"], c["convention"], c["hyperparameters"]
    schedule, l2 = c.get("schedule"), c.get("l2")
    X, Y, loss = lesson["X"], lesson["Y"], lesson["loss"]
    names = mf.parameter_names(lesson["layers"])
    qs = quantities(opt, conv)
    ans = {}
    for a in answers:
        key = (a["t"], a["parameter"], a["quantity"])
        assert key not in ans, ("duplicate answer", c["name"], key)
        assert 1 <= a["t"] <= c["steps"] and a["parameter"] in names and a["quantity"] in qs, (c["name"], a)
        ans[key] = F(value_from_json(a["value"]))
    eqs = equations(opt, conv, hp)
    assert [q for q, _ in eqs] == list(qs[2:]), (opt, [q for q, _ in eqs])
    prev = [{k: F(0.0) for k in mf.STATE_KEYS[opt]} for _ in names]  # believed state of t-1
    w_carry = mf.get_params(lesson["layers"])  # believed w_new(t-1); initial weights at t = 1
    records, steps = {}, []

    def settle(t, name, q, expected, ctx):
        key = (t, name, q)
        if student is not None:
            v = student(key, expected, ctx)
            if v is not None:
                ans[key] = F(v)
        believed = ans.get(key, expected)
        records[key] = (expected, believed)
        return believed

    for t, batch in enumerate(batches_of(c, len(X)), start=1):
        eta_t = F(mf.learning_rate(schedule, hp["eta"], t))
        ctx = {"t": t, "eta": eta_t, "hp": hp, "l2": l2}
        bw = [settle(t, nm, "w", w_carry[p], {**ctx, "b": {}, "prev": prev[p]})
              for p, nm in enumerate(names)]
        layers = mf.set_params(lesson["layers"], bw)
        g_acc = [F(0.0)] * len(names)
        zs_all = []
        for s in batch:
            zs, _, _, _, grads = mf.sample_pass(layers, loss, X[s], Y[s])
            g_acc = [ga + gs for ga, gs in zip(g_acc, grads)]
            zs_all.extend(z for layer_z in zs for z in layer_z)
        g_data = [ga / F(len(batch)) for ga in g_acc]
        g_exp = g_data if l2 is None else [gr + F(l2) * wp for gr, wp in zip(g_data, bw)]
        bg = [settle(t, nm, "g", g_exp[p], {**ctx, "b": {"w": bw[p]}, "prev": prev[p]})
              for p, nm in enumerate(names)]
        steps.append({"t": t, "batch": batch, "eta": eta_t, "w": bw, "g_data": g_data,
                      "z": zs_all, "prev": prev})
        new_prev, new_w = [], []
        for p, nm in enumerate(names):
            b = {"w": bw[p], "g": bg[p]}
            for q, fn in eqs:
                # A fixed parameter (model.fixed) keeps its weight: w_new = w; its state advances.
                value = b["w"] if q == "w_new" and nm in lesson["fixed"] else fn(t, eta_t, b, prev[p])
                b[q] = settle(t, nm, q, value, {**ctx, "b": dict(b), "prev": prev[p]})
            new_prev.append({k: b[k] for k in mf.STATE_KEYS[opt]})
            new_w.append(b["w_new"])
        prev, w_carry = new_prev, new_w
    return {"records": records, "answers": ans, "steps": steps, "names": names}


def value_from_json(v) -> float:
    if isinstance(v, str):
        return {"nan": math.nan, "inf": math.inf, "-inf": -math.inf}[v]
    return float(v)


def same_bits(a, b) -> bool:
    return np.float64(a).tobytes() == np.float64(b).tobytes()


# ---------------------------------------------------------------------------
# Cases.
# ---------------------------------------------------------------------------


def keys(c: dict, lesson: dict, ts, params=None, qs=None) -> list[tuple]:
    """(t, parameter, quantity) in canonical order: t, parameter order, quantity order."""
    names = mf.parameter_names(lesson["layers"])
    allq = quantities(c["optimizer"], c["convention"])
    params = names if params is None else params
    qs = allq if qs is None else qs
    assert set(params) <= set(names) and set(qs) <= set(allq), (c["name"], params, qs)
    return [(t, p, q) for t in ts for p in names if p in params for q in allq if q in qs]


def canonical(c, lesson, ks) -> list[tuple]:
    names = mf.parameter_names(lesson["layers"])
    allq = quantities(c["optimizer"], c["convention"])
    return sorted(set(ks), key=lambda k: (k[0], names.index(k[1]), allq.index(k[2])))


def sig(x, digits):
    return float(f"{float(x):.{digits - 1}e}")


def differ_pattern(t0, p0, within, coupled=lambda t, p: True):
    """Which carried-forward values differ from the key after one slip at (t0, p0):
    p0's quantities `within` step t0 that use the slipped value, then from t0 + 1 on
    every value of every parameter coupled(t, p) to p0 through the forward pass, except
    w(t0 + 1) of the parameters other than p0 (their w_new(t0) did not change)."""
    def pred(t, p, q):
        if t == t0:
            return p == p0 and q in within
        if t > t0:
            if not coupled(t, p):
                return False
            return not (t == t0 + 1 and q == "w" and p != p0)
        return False
    return pred


def unit_of(name: str) -> str:
    """'W1[2,3]' and 'b1[2]' -> '1,2' (layer, unit)."""
    layer = name[1:name.index("[")]
    unit = name[name.index("[") + 1:].rstrip("]").split(",")[0]
    return f"{layer},{unit}"


def spec(name, lesson, optimizer, convention, hyper, steps, batch_size, *, shuffle_seed=None,
         schedule=None, l2=None, answered, slips=None, asked, round_digits=None, differ=None,
         check=None, note=""):
    c = mf.case(name, lesson, optimizer, convention, hyper, steps, batch_size, shuffle_seed,
                schedule=schedule, l2=l2)
    return {"case": c, "answered": answered, "slips": slips or {}, "asked": asked,
            "round_digits": round_digits, "differ": differ, "check": check, "note": note}


RELU_UNIT2 = ("W1[2,1]", "b1[2]", "W2[1,2]", "b2[1]")  # relu-1-2-1: what W1[2,1] reaches at first


def build_specs(lessons_cache) -> list[dict]:
    specs = []

    def add(sp):
        sp["lesson"] = lessons_cache(sp["case"]["lesson"])
        specs.append(sp)

    def every(ts, params=None, qs=None):
        """All (t, parameter, quantity) for these steps (and parameters, quantities)."""
        return lambda c, lesson: keys(c, lesson, ts, params, qs)

    # 1. Adam, lecture: m at t = 1 for W2[1,1] without (1 - beta1) (m = g); every other
    #    answer at t = 1..3 consistent with it.
    add(spec("ecf-adam-lecture-slip-m", "tanh-sigmoid-2-2-1", "adam", "lecture",
             {"eta": 0.01, **ADAM}, 3, 2,
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(1, "W2[1,1]", "m"): lambda x, ctx: ctx["b"]["g"]},
             differ=differ_pattern(1, "W2[1,1]", ("m_hat", "w_new")),
             note="m(1) for W2[1,1] written as g (forgot 1 - beta1); everything else consistent"))
    # 2. Adam, PyTorch, on Mazur's example: the same slip for W1[1,1].
    add(spec("ecf-adam-pytorch-slip-m", "mazur-2-2-1", "adam", "pytorch",
             {"eta": 0.001, **ADAM}, 3, "full",
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(1, "W1[1,1]", "m"): lambda x, ctx: ctx["b"]["g"]},
             differ=differ_pattern(1, "W1[1,1]", ("m_hat", "w_new")),
             note="Mazur's network; m(1) for W1[1,1] written as g; everything else consistent"))
    # 3. gd on Mazur: w_new(1) for W1[1,1] with the wrong sign (w + eta*g); t = 2's g of
    #    every parameter comes from the forward pass at the student's weights.
    add(spec("ecf-gd-wrong-wnew", "mazur-2-2-1", "gd", "lecture", {"eta": 0.5}, 3, "full",
             answered=lambda c, l: keys(c, l, [1]) + keys(c, l, [2], qs=("w", "g")),
             asked=lambda c, l: (keys(c, l, [1], qs=("w_new",)) + keys(c, l, [2])
                                 + keys(c, l, [3], qs=("g",))),
             slips={(1, "W1[1,1]", "w_new"): lambda x, ctx: ctx["b"]["w"] + ctx["eta"] * ctx["b"]["g"]},
             differ=differ_pattern(1, "W1[1,1]", ()),
             note="w_new(1) for W1[1,1] = w + eta*g (sign); w and g at t = 2 consistent; "
                  "w_new(2) and g(3) blank"))
    # 4. Momentum, lecture: g at t = 1 for b1[1] with the wrong sign.
    add(spec("ecf-momentum-lecture-wrong-g", "tanh-sigmoid-2-2-1", "momentum", "lecture",
             {"eta": 0.2, "beta": 0.9}, 4, 2,
             answered=every([1, 2, 3]), asked=every([1, 2, 3, 4]),
             slips={(1, "b1[1]", "g"): lambda x, ctx: -x},
             differ=differ_pattern(1, "b1[1]", ("v", "w_new")),
             note="g(1) for b1[1] with the wrong sign; t = 1..3 consistent; t = 4 blank"))
    # 4b. Nesterov, lecture: v at t = 2 for W1[1,1] without the (1 - beta) factor; later
    #     values consistent with it, so v and w_new carry it forward.
    add(spec("ecf-nesterov-lecture-wrong-v", "tanh-sigmoid-2-2-1", "nesterov", "lecture",
             {"eta": 0.2, "beta": 0.9}, 3, 2,
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(2, "W1[1,1]", "v"): lambda x, ctx: x + F(0.9) * ctx["b"]["g"]},
             differ=differ_pattern(2, "W1[1,1]", ("w_new",)),
             note="v(2) for W1[1,1] + 0.9*g, so beta*v + g; w_new(2) and t = 3 consistent with it"))
    # 4c. AMSGrad, lecture: v_max at t = 2 for W2[1,1] written as v_hat (the maximum
    #     forgotten, where v_hat fell below v_max(1)); w_new(2) and t = 3 consistent with it.
    #     At t = 3 every parameter's v_hat is below its v_max of t <= 2, which it keeps, so
    #     of the v_max(3) only W2[1,1]'s carries the slip.
    no_max = differ_pattern(2, "W2[1,1]", ("w_new",))
    add(spec("ecf-amsgrad-lecture-no-max", "tanh-sigmoid-2-2-1", "amsgrad", "lecture",
             {"eta": 0.01, "beta1": 0.9, "beta2": 0.9, "epsilon": 1e-8}, 3, 2,
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(2, "W2[1,1]", "v_max"): lambda x, ctx: ctx["b"]["v_hat"]},
             differ=lambda t, p, q: no_max(t, p, q) and not (t == 3 and q == "v_max" and p != "W2[1,1]"),
             note="v_max(2) for W2[1,1] = v_hat(2), below v_max(1) (no maximum taken); "
                  "w_new(2) and t = 3 consistent with it; the other v_max(3) keep their earlier maximum"))
    # 5. Momentum, PyTorch (v = g at t = 1): g at t = 1 for W1[1,2] not divided by B.
    add(spec("ecf-momentum-pytorch-wrong-g", "logistic-2-1-bce", "momentum", "pytorch",
             {"eta": 0.4, "beta": 0.9}, 4, 2,
             answered=every([1, 2, 3, 4]), asked=every([1, 2, 3, 4]),
             slips={(1, "W1[1,2]", "g"): lambda x, ctx: x * F(2.0)},
             differ=differ_pattern(1, "W1[1,2]", ("v", "w_new")),
             check="momentum_pytorch_t1",
             note="g(1) for W1[1,2] = sum instead of mean (batch of 2); PyTorch's v(1) = g carries it"))
    # 6. AdaGrad, lecture: s at t = 2 for W1[2,3] with g instead of g*g.  One linear
    #    layer: only unit 2's parameters are coupled to W1[2,3].
    #    (eta 0.05: at t = 1 AdaGrad moves every weight by about eta, and 0.1 would
    #    bring the -0.1 weight W1[1,2] to ~1e-8 by cancellation.)
    add(spec("ecf-adagrad-lecture-slip-s", "linear-3-2-mse", "adagrad", "lecture",
             {"eta": 0.05, "epsilon": 1e-8}, 3, 2,
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(2, "W1[2,3]", "s"): lambda x, ctx: ctx["prev"]["s"] + ctx["b"]["g"]},
             differ=differ_pattern(2, "W1[2,3]", ("w_new",), lambda t, p: unit_of(p) == "1,2"),
             note="s(2) for W1[2,3] = s + g (not squared); unit 1's parameters are not coupled"))
    # 7. RMSprop, PyTorch, shuffled (seed 7): ss at t = 1 for b1[1] without (1 - rho).
    add(spec("ecf-rmsprop-pytorch-shuffle7", "linear-3-2-mse", "rmsprop", "pytorch",
             {"eta": 0.01, "rho": 0.9, "epsilon": 1e-8}, 4, 2, shuffle_seed=7,
             answered=every([1, 2, 3]), asked=every([1, 2, 3, 4]),
             slips={(1, "b1[1]", "ss"): lambda x, ctx: ctx["b"]["g"] * ctx["b"]["g"]},
             differ=differ_pattern(1, "b1[1]", ("w_new",), lambda t, p: unit_of(p) == "1,1"),
             note="ss(1) for b1[1] = g*g (forgot 1 - rho); shuffled batches; t = 4 blank"))
    # 8. RMSprop, lecture: ss at t = 2 for b2[1] with g instead of g*g.
    add(spec("ecf-rmsprop-lecture-slip-ss", "tanh-sigmoid-2-2-1", "rmsprop", "lecture",
             {"eta": 0.01, "rho": 0.9, "epsilon": 1e-6}, 3, "full",
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(2, "b2[1]", "ss"): lambda x, ctx: ctx["hp"]["rho"] * ctx["prev"]["ss"]
                    + (1 - ctx["hp"]["rho"]) * abs(ctx["b"]["g"])},
             differ=differ_pattern(2, "b2[1]", ("w_new",)),
             note="ss(2) for b2[1] with |g| instead of g*g"))
    # 9. AdamW, lecture: w_new at t = 1 for W1[1,1] without the decoupled decay.
    add(spec("ecf-adamw-lecture-no-decay", "logistic-2-1-bce", "adamw", "lecture",
             {"eta": 0.05, **ADAM, "lambda": 0.01}, 3, 2,
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(1, "W1[1,1]", "w_new"): lambda x, ctx: ctx["b"]["w"] - (
                 ctx["eta"] / mf.c_sqrt(ctx["b"]["v_hat"] + F(ctx["hp"]["epsilon"]))) * ctx["b"]["m_hat"]},
             differ=differ_pattern(1, "W1[1,1]", ()),
             note="w_new(1) for W1[1,1] without - (eta*lambda)*w"))
    # 10. AdamW, PyTorch: v_hat at t = 2 for W1[2,2] without bias correction.
    add(spec("ecf-adamw-pytorch-slip-vhat", "tanh-sigmoid-2-2-1", "adamw", "pytorch",
             {"eta": 0.01, **ADAM, "lambda": 0.01}, 3, 3,
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(2, "W1[2,2]", "v_hat"): lambda x, ctx: ctx["b"]["v"]},
             differ=differ_pattern(2, "W1[2,2]", ("w_new",)),
             note="v_hat(2) for W1[2,2] = v (no bias correction); batches of 3 then 1"))
    # 11. gd with L2: w_new at t = 1 for W2[1,2] from g_data (forgot the l2 term); the
    #     carried-forward g at t = 2 is g_data + l2*w at the student's weights.
    add(spec("ecf-l2-gd-wrong-wnew", "tanh-sigmoid-2-2-1", "gd", "lecture", {"eta": 0.5}, 3, "full",
             l2=0.1,
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(1, "W2[1,2]", "w_new"): lambda x, ctx: ctx["b"]["w"] - ctx["eta"] * (
                 ctx["b"]["g"] - F(ctx["l2"]) * ctx["b"]["w"])},
             differ=differ_pattern(1, "W2[1,2]", ()),
             note="l2 0.1; w_new(1) for W2[1,2] used g without l2*w"))
    # 12. Step schedule, PyTorch momentum: at t = 3 (eta_t = 0.02) w_new for W1[1,1] with eta.
    add(spec("ecf-sched-step-momentum-pytorch", "tanh-sigmoid-2-2-1", "momentum", "pytorch",
             {"eta": 0.2, "beta": 0.9}, 4, 2, schedule=mf.step_schedule(0.1, 2),
             answered=every([1, 2, 3, 4]), asked=every([1, 2, 3, 4]),
             slips={(3, "W1[1,1]", "w_new"): lambda x, ctx: ctx["b"]["w"] - F(ctx["hp"]["eta"]) * ctx["b"]["v"]},
             differ=differ_pattern(3, "W1[1,1]", ()),
             check="step_schedule",
             note="step decay gamma 0.1 every 2; w_new(3) for W1[1,1] used eta instead of eta_3"))
    # 13. Mini-batch, shuffled (seed 42), across an epoch boundary: g at t = 2 for W1[1,2] halved.
    #     (eta 0.25, not 3-2-mse-minibatch-shuffle42's 0.2, with which w_new(1) of b1[2]
    #     is an exact cancellation to 0.0.)
    add(spec("ecf-minibatch-shuffle42", "linear-3-2-mse", "minibatch", "lecture", {"eta": 0.25}, 5, 2,
             shuffle_seed=42,
             answered=every([1, 2, 3, 4, 5]), asked=every([1, 2, 3, 4, 5]),
             slips={(2, "W1[1,2]", "g"): lambda x, ctx: x * F(0.5)},
             differ=differ_pattern(2, "W1[1,2]", ("w_new",), lambda t, p: unit_of(p) == "1,1"),
             note="seed 42, batch 2 of 5 samples (epochs of 3 batches); g(2) for W1[1,2] halved"))
    # 14. No answers at all: carried_forward == key bit for bit.
    add(spec("ecf-adam-lecture-no-answers", "tanh-sigmoid-2-2-1", "adam", "lecture",
             {"eta": 0.01, **ADAM}, 3, 2,
             answered=lambda c, l: [], asked=every([1, 2, 3]),
             differ=lambda t, p, q: False, check="no_answers",
             note="no answers: every carried_forward equals its key"))
    # 15. Blanks: sgd, g at t = 1 for W1[1,1] with the wrong sign, then only a few answers.
    add(spec("ecf-sgd-blanks", "tanh-sigmoid-2-2-1", "sgd", "lecture", {"eta": 0.3}, 4, 1,
             answered=lambda c, l: ([(1, "W1[1,1]", "g")]
                                    + keys(c, l, [1, 2, 3], params=("W1[1,1]", "b2[1]"), qs=("w_new",))
                                    + [(2, "W2[1,1]", "g")]),
             asked=every([1, 2, 3, 4]),
             slips={(1, "W1[1,1]", "g"): lambda x, ctx: -x},
             differ=differ_pattern(1, "W1[1,1]", ("w_new",)),
             check="blanks",
             note="answers only g(1) and g(2) of one parameter each and w_new of two parameters"))
    # 16. A copied w at t = 2 that differs from the student's own w_new at t = 1.
    add(spec("ecf-adam-pytorch-w-copy", "tanh-sigmoid-2-2-1", "adam", "pytorch",
             {"eta": 0.1, **ADAM}, 3, 2,
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(2, "W1[1,2]", "w"): lambda x, ctx: -x},
             differ=lambda t, p, q: (t == 2 and q != "w") or t == 3,
             check="w_copy",
             note="w(2) for W1[1,2] copied from w_new(1) without its minus sign"))
    # 17. Rounded hand computation: every answer to 5 significant digits, no slip.
    add(spec("ecf-gd-rounded", "mazur-2-2-1", "gd", "lecture", {"eta": 0.5}, 3, "full",
             answered=every([1, 2, 3]), asked=every([1, 2, 3]), round_digits=5,
             check="rounded",
             note="every answer rounded to 5 significant digits, no slip"))
    # 18. Three layers, bce, sgd: w_new(1) for W2[1,3] wrong; the forward pass carries it
    #     through relu, tanh and sigmoid.
    add(spec("ecf-deep-bce-sgd-wrong-wnew", "deep-2-3-2-1-bce", "sgd", "lecture", {"eta": 0.15}, 3, 1,
             answered=lambda c, l: keys(c, l, [1], qs=("w", "g", "w_new")),
             asked=lambda c, l: keys(c, l, [2, 3], qs=("g", "w_new")),
             slips={(1, "W2[1,3]", "w_new"): lambda x, ctx: ctx["b"]["w"] + ctx["eta"] * ctx["b"]["g"]},
             check="deep",
             note="w_new(1) for W2[1,3] = w + eta*g; g and w_new at t = 2, 3 blank"))
    # 19. Cosine schedule, AdaGrad PyTorch with l2, relu: g(1) for W1[2,1] with the wrong
    #     sign.  (A slip that keeps the sign of g barely moves PyTorch AdaGrad's first
    #     step, about eta*sign(g), and key and carried_forward would agree to 1e-10.)
    #     Every sample has one relu unit active, so at t = 2 W1[2,1] reaches only unit
    #     2's parameters and the output bias: unit 1's W1[1,1], b1[1] and W2[1,1] see
    #     only the samples on which unit 2 is off, and keep their key values; at
    #     t = 3 the changed output bias reaches their g (not yet their w), at t = 4 all.
    add(spec("ecf-cosine-adagrad-pytorch-l2", "relu-1-2-1", "adagrad", "pytorch",
             {"eta": 0.05, "epsilon": 1e-10}, 4, "full", l2=0.05, schedule=mf.cosine_schedule(0.005, 3),
             answered=every([1, 2, 3]), asked=every([1, 2, 3, 4]),
             slips={(1, "W1[2,1]", "g"): lambda x, ctx: -x},
             differ=lambda t, p, q: (
                 differ_pattern(1, "W1[2,1]", ("w_new",), lambda t, p: p in RELU_UNIT2)(t, p, q)
                 or (t == 3 and q != "w") or t == 4),
             note="l2 0.05, cosine eta_min 0.005 T 3; g(1) for W1[2,1] with the wrong sign; t = 4 blank"))
    # 20. L2 with a copied w: the l2*w term of the carried-forward g at t = 2 uses the
    #     student's w(2), not their w_new(1).
    add(spec("ecf-l2-adam-lecture-w-copy", "logistic-2-1-bce", "adam", "lecture",
             {"eta": 0.05, **ADAM}, 3, 2, l2=0.01,
             answered=every([1, 2, 3]), asked=every([1, 2, 3]),
             slips={(2, "W1[1,1]", "w"): lambda x, ctx: -x},
             differ=lambda t, p, q: (t == 2 and q != "w") or t == 3,
             check="w_copy",
             note="l2 0.01; w(2) for W1[1,1] copied with the wrong sign"))
    return specs


# ---------------------------------------------------------------------------
# Building a case and its checks.
# ---------------------------------------------------------------------------


def build_case(sp: dict, key_trace: dict) -> dict:
    """Simulate the student, write the case as JSON text, read it back, replay it and
    return the case object (as read back) with its expected list."""
    c, lesson = sp["case"], sp["lesson"]
    answered = canonical(c, lesson, sp["answered"](c, lesson))
    asked = canonical(c, lesson, sp["asked"](c, lesson))
    answered_set = set(answered)
    for k in sp["slips"]:
        assert k in answered_set, (c["name"], "slip not answered", k)
    digits = sp["round_digits"]

    def student(key, expected, ctx):
        if key in sp["slips"]:
            return F(sp["slips"][key](expected, ctx))
        if key in answered_set:
            return F(sig(expected, digits)) if digits else expected
        return None

    sim = replay(c, lesson, [], student=student)
    answers = [{"t": t, "parameter": p, "quantity": q, "value": sim["answers"][(t, p, q)]}
               for (t, p, q) in answered]
    assert len(answers) == len(sim["answers"])
    obj = {"name": c["name"], "case": c, "answers": answers,
           "asked": [{"t": t, "parameter": p, "quantity": q} for (t, p, q) in asked]}
    obj = json.loads(mf.dump(obj))  # what the file will hold
    res = replay(obj["case"], lesson, obj["answers"])
    # The replay of the answers as written reproduces the simulated student's replay.
    for k, (e, b) in sim["records"].items():
        e2, b2 = res["records"][k]
        assert same_bits(e, e2) and same_bits(b, b2), (c["name"], "JSON round trip", k)
    expected = []
    for (t, p, q) in asked:
        key = key_trace["steps"][t - 1]["parameters"][p][q]
        cf = res["records"][(t, p, q)][0]
        expected.append({"t": t, "parameter": p, "quantity": q, "key": key, "carried_forward": cf})
    obj["expected"] = expected
    return obj, res, sim


def check_plain_equals_replay(c: dict, lesson: dict, trace: dict):
    """With no answers the replay is the plain run, bit for bit."""
    res = replay(c, lesson, [])
    names = trace["parameters"]
    assert res["names"] == names
    n_steps = len(trace["steps"])
    for st, rs in zip(trace["steps"], res["steps"]):
        t = st["t"]
        assert [s + 1 for s in rs["batch"]] == st["batch"], (c["name"], t, "batch")
        assert same_bits(rs["eta"], st["eta"]), (c["name"], t, "eta")
        for nm in names:
            for q, val in st["parameters"][nm].items():
                if q == "g_raw":
                    assert same_bits(rs["g_data"][names.index(nm)], val), (c["name"], t, nm, q)
                    continue
                e, b = res["records"][(t, nm, q)]
                assert same_bits(e, val) and same_bits(b, val), (c["name"], t, nm, q, e, val)
    return n_steps * len(names) * len(quantities(c["optimizer"], c["convention"]))


def check_steps_and_equations(c: dict, lesson: dict, res: dict, trace: dict, answers: list[dict]):
    """Batches and eta_t as in the plain run, and the carry and every optimizer equation
    against make_fixtures.optimizer_step, with the believed values rebuilt from their
    definition (the answer as read from JSON if there is one, else the replay's
    expected value), not from the replay's own bookkeeping."""
    opt, conv, hp = c["optimizer"], c["convention"], c["hyperparameters"]
    names = res["names"]
    ans = {(a["t"], a["parameter"], a["quantity"]): F(value_from_json(a["value"])) for a in answers}
    expected = lambda t, nm, q: res["records"][(t, nm, q)][0]
    believed = lambda t, nm, q: ans.get((t, nm, q), expected(t, nm, q))
    initial = mf.get_params(lesson["layers"])
    n = 0
    for st, rs in zip(trace["steps"], res["steps"]):
        t = st["t"]
        assert [s + 1 for s in rs["batch"]] == st["batch"], (c["name"], t)
        assert same_bits(rs["eta"], st["eta"]), (c["name"], t)
        # The forward pass ran at the believed w of every parameter.
        assert all(same_bits(rs["w"][p], believed(t, nm, "w")) for p, nm in enumerate(names)), (c["name"], t)
        for p, nm in enumerate(names):
            # w(t) = believed w_new(t - 1), the initial weights at t = 1.
            w_prev = initial[p] if t == 1 else believed(t - 1, nm, "w_new")
            assert same_bits(expected(t, nm, "w"), w_prev), (c["name"], t, nm, "w")
            prev = {q: F(0.0) if t == 1 else believed(t - 1, nm, q) for q in mf.STATE_KEYS[opt]}
            st_ref, wn_ref = mf.optimizer_step(opt, conv, hp, t, believed(t, nm, "w"), believed(t, nm, "g"),
                                               prev, F(st["eta"]))
            if nm in lesson["fixed"]:
                wn_ref = believed(t, nm, "w")
            # optimizer_step computes each equation from the previous one's computed
            # value; it applies as long as the student's answers in this step agree.
            consistent = True
            for q in mf.STATE_KEYS[opt]:
                if consistent or (q in ("m", "v") and opt in ("adam", "adamw")):  # m, v: only g and prev
                    assert same_bits(expected(t, nm, q), st_ref[q]), (c["name"], t, nm, q)
                    n += 1
                if not same_bits(believed(t, nm, q), st_ref[q]):
                    consistent = False
            if consistent:
                assert same_bits(expected(t, nm, "w_new"), wn_ref), (c["name"], t, nm, "w_new")
                n += 1
    return n


def penalised_batch_objective(lesson, ws, batch, l2):
    layers = mf.set_params(lesson["layers"], ws)
    tot = F(0.0)
    for s in batch:
        tot = tot + mf.sample_pass(layers, lesson["loss"], lesson["X"][s], lesson["Y"][s])[3]
    obj = tot / F(len(batch))
    if l2 is not None:
        obj = obj + F(sum(0.5 * l2 * float(w) * float(w) for w in ws))
    return obj


def check_gradients(c: dict, lesson: dict, res: dict, trace: dict):
    """Every expected g against make_fixtures.vectorised_run started at the believed
    weights on the step's batch; where the believed weights differ from the plain run's,
    also against central finite differences."""
    names = res["names"]
    n_vec = n_fd = 0
    for st, rs in zip(trace["steps"], res["steps"]):
        t = st["t"]
        g_exp = [res["records"][(t, nm, "g")][0] for nm in names]
        sub = {"loss": lesson["loss"], "layers": mf.set_params(lesson["layers"], rs["w"]),
               "X": [lesson["X"][s] for s in rs["batch"]], "Y": [lesson["Y"][s] for s in rs["batch"]],
               "fixed": lesson["fixed"]}
        one = {"optimizer": "gd", "convention": "lecture", "hyperparameters": {"eta": 0.0},
               "steps": 1, "batch_size": "full", "shuffle_seed": None, "l2": c.get("l2")}
        g_vec = mf.vectorised_run(one, sub)[0][4]
        assert mf.close(g_exp, g_vec), (c["name"], t, "vectorised g", g_exp, list(g_vec))
        n_vec += len(names)
        plain_w = [st["parameters"][nm]["w"] for nm in names]
        if all(same_bits(a, b) for a, b in zip(rs["w"], plain_w)):
            continue
        h = 1e-6
        for p in range(len(names)):
            wp, wm = list(rs["w"]), list(rs["w"])
            wp[p] = wp[p] + h
            wm[p] = wm[p] - h
            num = (penalised_batch_objective(lesson, wp, rs["batch"], c.get("l2"))
                   - penalised_batch_objective(lesson, wm, rs["batch"], c.get("l2"))) / (2 * h)
            assert abs(num - g_exp[p]) <= 1e-7 + 1e-5 * abs(g_exp[p]), (c["name"], t, names[p], num, g_exp[p])
            n_fd += 1
    return n_vec, n_fd


def check_quality(c: dict, res: dict):
    """No pre-activation is a near-total cancellation, nor any carried-forward w_new."""
    for rs in res["steps"]:
        for z in rs["z"]:
            assert z == 0 or abs(z) > 1e-3, (c["name"], rs["t"], "z", float(z))
    for (t, p, q), (e, _) in res["records"].items():
        assert np.isfinite(e), (c["name"], t, p, q, "not finite")
        if q == "w_new":
            w = res["records"][(t, p, "w")][1]
            assert abs(e) > 1e-6 * abs(w), (c["name"], t, p, "w_new cancels", float(e), float(w))


def check_case(sp: dict, obj: dict, res: dict, trace: dict):
    c, lesson = obj["case"], sp["lesson"]
    name = c["name"]
    ans = {(a["t"], a["parameter"], a["quantity"]): a["value"] for a in obj["answers"]}
    exp = {(e["t"], e["parameter"], e["quantity"]): e for e in obj["expected"]}
    assert trace["diverged_at"] is None, name
    # Every answer that is not a slip is the student's own carried-forward value
    # (rounded in the rounding case); a slip is not.
    for k, v in ans.items():
        cf = res["records"][k][0]
        if k in sp["slips"]:
            assert not same_bits(v, cf), (name, "slip equals its carried-forward value", k)
        elif sp["round_digits"]:
            assert v == sig(cf, sp["round_digits"]), (name, k)
            assert abs(v - cf) <= 0.5 * 10.0 ** (1 - sp["round_digits"]) * abs(cf), (name, k)
        else:
            assert same_bits(v, cf), (name, "consistent answer is not carried_forward", k)
    # Exactly the predicted values differ from the key.
    if sp["differ"] is not None:
        for k, e in exp.items():
            should = sp["differ"](*k)
            assert should == (e["key"] != e["carried_forward"]), (name, k, should, e["key"], e["carried_forward"])
        # ... and the consistent answers after the slip match carried_forward, not the key.
        for k, v in ans.items():
            if k in exp and sp["differ"](*k) and k not in sp["slips"] and not sp["round_digits"]:
                assert v == exp[k]["carried_forward"] != exp[k]["key"], (name, k)
    # Where carried_forward and key differ, they differ clearly at 1e-12 relative.
    for k, e in exp.items():
        a, b = float(e["key"]), float(e["carried_forward"])
        if a != b:
            assert abs(a - b) > 1e-10 * max(abs(a), abs(b)), (name, k, "key and carried_forward too close", a, b)
    # Blanks: an asked value without an answer is believed = expected.
    for k in exp:
        if k not in ans:
            e, b = res["records"][k]
            assert same_bits(e, b), (name, k)
    check = sp["check"]
    if check == "no_answers":
        assert obj["answers"] == []
        assert len(exp) == c["steps"] * len(res["names"]) * len(quantities(c["optimizer"], c["convention"]))
        for k, e in exp.items():
            assert same_bits(e["key"], e["carried_forward"]), (name, k)
    elif check == "momentum_pytorch_t1":
        (slip,) = sp["slips"]
        t, p, _ = slip
        assert t == 1 and c["convention"] == "pytorch"
        assert same_bits(exp[(1, p, "v")]["carried_forward"], ans[(1, p, "g")]), name
        assert exp[(1, p, "v")]["carried_forward"] != exp[(1, p, "v")]["key"], name
        for nm in res["names"]:  # v(1) = believed g(1) for every parameter
            assert same_bits(res["records"][(1, nm, "v")][0], res["records"][(1, nm, "g")][1]), (name, nm)
    elif check == "step_schedule":
        etas = [float(rs["eta"]) for rs in res["steps"]]
        assert etas == [0.2, 0.2, 0.020000000000000004, 0.020000000000000004], (name, etas)
    elif check == "blanks":
        asked_only = [k for k in exp if k not in ans]
        assert len(asked_only) > len(ans) > 0, name
        # The blank w_new(1) of the other parameters is the key (only W1[1,1] slipped).
        assert all(exp[(1, nm, "w_new")]["carried_forward"] == exp[(1, nm, "w_new")]["key"]
                   for nm in res["names"] if nm != "W1[1,1]"), name
    elif check == "w_copy":
        (slip,) = sp["slips"]
        t, p, _ = slip
        copied, own = ans[(t, p, "w")], ans[(t - 1, p, "w_new")]
        assert copied != own, name
        assert same_bits(exp[(t, p, "w")]["carried_forward"], own), name
        assert exp[(t, p, "w")]["carried_forward"] == exp[(t, p, "w")]["key"], name
        # The same g(2) as if the student had written the copied value as w_new(1).
        alt = [a for a in obj["answers"] if (a["t"], a["parameter"], a["quantity"]) != (t, p, "w")]
        alt = [dict(a, value=copied) if (a["t"], a["parameter"], a["quantity"]) == (t - 1, p, "w_new") else a
               for a in alt]
        res2 = replay(c, lesson, alt)
        for nm in res["names"]:
            assert same_bits(res2["records"][(t, nm, "g")][0], res["records"][(t, nm, "g")][0]), (name, nm)
    elif check == "rounded":
        assert any(e["key"] != e["carried_forward"] for e in exp.values()), name
    elif check == "deep":
        (slip,) = sp["slips"]
        p0 = slip[1]
        others = [nm for nm in res["names"] if nm != p0
                  and exp[(2, nm, "g")]["key"] != exp[(2, nm, "g")]["carried_forward"]]
        assert len(others) >= 3, (name, others)
    else:
        assert check is None, check


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------


def main() -> int:
    cache = {}

    def lesson_of(rel):
        if rel not in cache:
            cache[rel] = mf.load_lesson(rel)
        return cache[rel]

    summary = []
    with np.errstate(all="ignore"):
        # 1. No answers: replay == plain run, bit for bit, for make_fixtures' cases.
        n_plain = 0
        for c in mf.build_cases():
            trace = mf.run_case(c, lesson_of(c["lesson"]))
            if trace["diverged_at"] is not None:
                continue
            n_plain += check_plain_equals_replay(c, lesson_of(c["lesson"]), trace)
        summary.append(f"no-answer replay == make_fixtures.run_case bit for bit: {n_plain} values "
                       "(make_fixtures' non-diverging cases)")
        # 2. The ECF cases.
        specs = build_specs(lesson_of)
        names = [sp["case"]["name"] for sp in specs]
        assert len(names) == len(set(names)), "duplicate case names"
        out_cases = []
        n_plain2 = n_eq = n_vec = n_fd = n_asked = n_diff = n_ans = 0
        for sp in specs:
            c, lesson = sp["case"], sp["lesson"]
            mf.validate_case(c)
            trace = mf.run_case(c, lesson)
            assert trace["diverged_at"] is None, c["name"]
            n_plain2 += check_plain_equals_replay(c, lesson, trace)
            obj, res, _ = build_case(sp, trace)
            n_eq += check_steps_and_equations(c, lesson, res, trace, obj["answers"])
            a, b = check_gradients(c, lesson, res, trace)
            n_vec, n_fd = n_vec + a, n_fd + b
            check_quality(c, res)
            check_case(sp, obj, res, trace)
            out_cases.append({"name": obj["name"], "case": obj["case"], "answers": obj["answers"],
                              "asked": obj["asked"], "expected": obj["expected"]})
            n_asked += len(obj["expected"])
            n_ans += len(obj["answers"])
            n_diff += sum(e["key"] != e["carried_forward"] for e in obj["expected"])
        summary.append(f"no-answer replay == plain run bit for bit for the ECF cases too: {n_plain2} values")
        summary.append(f"optimizer equations == make_fixtures.optimizer_step on believed inputs: {n_eq} values")
        summary.append(f"carried-forward g vs vectorised second implementation: {n_vec}; "
                       f"vs central finite differences: {n_fd}")
        summary.append("per-case checks: differing set exactly as predicted, consistent answers == "
                       "carried_forward != key, blanks, no-answers == key, JSON round trip")
    text = mf.dump({"cases": out_cases})
    json.loads(text)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUT.relative_to(HERE.parent.parent.parent)}: {len(out_cases)} cases, {n_ans} answers, "
          f"{n_asked} asked values ({n_diff} with carried_forward != key)")
    for line in summary:
        print("  ok: " + line)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError:
        traceback.print_exc()
        print("make_ecf_fixtures.py: a self-check failed; nothing written", file=sys.stderr)
        sys.exit(1)
