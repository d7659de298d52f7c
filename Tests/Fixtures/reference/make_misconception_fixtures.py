#!/usr/bin/env python3
"""Reference values for diagnosing WHICH known mistake a wrong answer matches.

Writes misconceptions.json next to this file (see MISCONCEPTIONS.md).  Reuses
make_fixtures.py (lessons, forward and backward pass, batching, eta_t, the optimizers'
arithmetic) and make_ecf_fixtures.py (the ECF replay with "believed" values, and its
optimizer equations split one function per equation), both imported and unchanged.

How to rerun
------------
    python3 Tests/Fixtures/reference/make_misconception_fixtures.py

from any directory (Python 3.11, numpy, PyYAML).  Deterministic: two runs write the
same bytes.  Every self-check runs before anything is written; if one fails the
script prints the failed assertion, writes nothing and exits with status 1.  It
writes no other file (no __pycache__).  To add or change a case, edit build_specs().

What a "mistaken replay" is
---------------------------
The ECF replay of make_ecf_fixtures (every step, every parameter; believed value =
the student's answer where given, else the replay's own value) with the catalog
entry's formulas in place of the right ones, at every step.  Where a mistaken formula
gives no finite number while the right one does (step-from-zero at t = 1: 1 - beta^0
= 0), the replay reports the non-finite value (it matches nothing) and, unless the
student answered that value, carries the right formula's value from the same
believed inputs.  The simulated student of a mistake case is that replay: every
asked value is answered with float(f"{x:.6g}") of the value the replay carries.

For every asked value the output gives key (make_fixtures.run_case, no answers),
carried_forward (make_ecf_fixtures.replay with the student's answers, the right
formulas) and explained_by: [] if the answer is within tolerance of key or of
carried_forward, else the sorted ids of the applicable catalog entries whose mistaken
replay (from the same answers) is within tolerance of the answer.

Self-checks (all before anything is written)
--------------------------------------------
* Our replay with the right formulas == make_ecf_fixtures.replay bit for bit, on every
  case here (with the student's answers) and on every case of ecf.json.
* Every value of every replay (right, and each applicable mistake, in every case)
  against second implementations fed the same believed inputs: g against a numpy
  matrix chain rule (with the catalog's sigmoid f' = a, batch sum, + lambda*w, without l2*w), each
  state value and w_new against the catalog's formulas rewritten in plain floats.
* Each mistake's replay without answers differs from the plain run where it should
  (by more than the tolerance), and equals it bit for bit before that.
* The simulated student: answers = 6 significant digits of what their replay carries
  (x 1.1 for the slip); written, read back and replayed, their replay reproduces
  itself bit for bit.
* Per case: the case's own id explains at least one asked value, and every answer
  that neither key nor carried_forward accepts; negative cases: explained_by empty
  everywhere, the slip and the random answers accepted by neither.
* No deciding comparison lies within 1% of the tolerance's edge; every believed value
  is finite; no pre-activation or w_new is a near-total cancellation.
"""

from __future__ import annotations

import json
import math
import sys
import traceback
from pathlib import Path

sys.dont_write_bytecode = True  # no __pycache__ in the fixtures folder

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import numpy as np  # noqa: E402

import make_ecf_fixtures as mecf  # noqa: E402
import make_fixtures as mf  # noqa: E402

F = mf.F
OUT = HERE / "misconceptions.json"
ADAM = mf.ADAM
ADAMS = ("adam", "adamw")
# Every optimizer with Adam's moments and bias correction: Adam, AdamW and AMSGrad.
MOMENTS = ADAMS + ("amsgrad",)

CATALOG = (
    "bias-correction-omitted",
    "betas-swapped",
    "step-from-zero",
    "step-advanced-twice",
    "one-minus-beta-omitted",
    "epsilon-placement",
    "g-for-g-squared",
    "adagrad-sum-restarted",
    "amsgrad-max-omitted",
    "state-restarted",
    "batch-sum",
    "adamw-decay-on-new-weight",
    "adamw-coupled",
    "weight-decay-omitted",
    "eta-twice",
    "eta-omitted",
    "sign-flipped",
    "sigmoid-derivative",
    "derivative-omitted",
    "derivative-at-a",
    "delta-sign-flipped",
    "weights-untransposed",
    "delta-wrong-layer-weights",
    "bias-gradient-times-a",
    "others-not-updated",
)

# The mistakes in the chain rule, by the name model() gives their chain: how the student
# takes f', the output delta's sign, the weights of a hidden delta, a bias's gradient.
CHAIN = {
    "sigmoid-derivative": "sigmoid_a",
    "derivative-omitted": "slope_omitted",
    "derivative-at-a": "slope_at_a",
    "delta-sign-flipped": "sign_flipped",
    "weights-untransposed": "untransposed",
    "delta-wrong-layer-weights": "own_layer",
    "bias-gradient-times-a": "bias_times_a",
}

# A sample's forward and backward pass values a case may ask (z, a, delta of every unit,
# the sample's loss), in the homework's order.
PASS = ("z", "a", "delta", "loss")

# The mistakes that change how g itself is computed (its own formula: in_formula has the
# chain rule's by layer); every other one reaches a g only through the weights an earlier
# update moved.
G_FORMULA = ("batch-sum", "sigmoid-derivative", "adamw-coupled", "derivative-omitted", "derivative-at-a",
             "delta-sign-flipped", "weights-untransposed", "delta-wrong-layer-weights")
OTHERS = "others-not-updated"
RESTARTED = "state-restarted"
DECAY_OMITTED = "weight-decay-omitted"

# The moving averages each optimizer keeps from one update to the next, which a student who
# restarts them takes from 0 at every update (AdaGrad's sum and AMSGrad's maximum are not
# moving averages: restarted, they are adagrad-sum-restarted and amsgrad-max-omitted).
MOVING_AVERAGES = {"momentum": ("v",), "nesterov": ("v",), "rmsprop": ("ss",),
                   "adam": ("m", "v"), "adamw": ("m", "v"), "amsgrad": ("m", "v")}

ATOL = 1e-12
RTOL = {"g": 5e-3}
RTOL_DEFAULT = 1e-3


def rtol(q: str) -> float:
    # A value of a sample's passes is graded with g's tolerance.
    return RTOL["g"] if q in PASS else RTOL.get(q, RTOL_DEFAULT)


def within(a, e, q: str) -> bool:
    """|a - e| <= 1e-12 + rtol*|e|; a non-finite reference (or answer) never matches."""
    a, e = float(a), float(e)
    if not (math.isfinite(a) and math.isfinite(e)):
        return False
    return abs(a - e) <= ATOL + rtol(q) * abs(e)


MARGIN = 1.01  # no deciding comparison is within 1% of the tolerance's edge


def ratio(a, e, q: str) -> float:
    """|a - e| / (1e-12 + rtol*|e|): below 1 is a match; inf for a non-finite e."""
    a, e = float(a), float(e)
    if not (math.isfinite(a) and math.isfinite(e)):
        return math.inf
    return abs(a - e) / (ATOL + rtol(q) * abs(e))


def six(x) -> float:
    """How a careful student writes a number: 6 significant digits."""
    return float(f"{float(x):.6g}")


def same_bits(a, b) -> bool:
    return np.float64(a).tobytes() == np.float64(b).tobytes()


# ---------------------------------------------------------------------------
# Which catalog entries apply to a case.
# ---------------------------------------------------------------------------


def effective_batch(c: dict, n: int) -> int:
    return n if c["batch_size"] == "full" else min(c["batch_size"], n)


def sigmoid_derivative_used(lesson: dict) -> bool:
    """A sigmoid layer whose f' enters the chain rule: any hidden sigmoid layer, or a
    sigmoid output layer unless the loss is bce (there delta = yhat - y, no f')."""
    L = len(lesson["layers"])
    return any(layer["activation"] == "sigmoid" and not (l == L - 1 and lesson["loss"] == "bce")
               for l, layer in enumerate(lesson["layers"]))


def sloped_layers(lesson: dict) -> list[int]:
    """The layers (0-based) whose delta an f' multiplies: all but an output whose delta is
    yhat - y (sigmoid under bce, softmax under cross-entropy)."""
    L = len(lesson["layers"])
    return [l for l, layer in enumerate(lesson["layers"])
            if not (l == L - 1 and ((lesson["loss"] == "bce" and layer["activation"] == "sigmoid")
                                    or layer["activation"] == "softmax"))]


def square_above(lesson: dict) -> list[int]:
    """Hidden layers l (0-based) whose W_(l+1) is square (and more than 1 x 1): W_(l+1)[j,k]
    can stand for W_(l+1)[k,j]."""
    ls = lesson["layers"]
    return [l for l in range(len(ls) - 1) if len(ls[l + 1]["W"]) == len(ls[l]["W"]) > 1]


def own_shaped_as_above(lesson: dict) -> list[int]:
    """Hidden layers l whose own W_l has W_(l+1)'s shape (both square, 1 x 1 too): W_l[k,j]
    can stand for W_(l+1)[k,j]."""
    ls = lesson["layers"]
    return [l for l in range(len(ls) - 1) if len(ls[l + 1]["W"]) == len(ls[l]["W"]) == len(ls[l]["W"][0])]


def changes_delta(mid: str, layer: int, lesson: dict) -> bool:
    """Whether the mistake computes delta of `layer` (from 1) with another formula."""
    l = layer - 1
    act = lesson["layers"][l]["activation"]
    chain = CHAIN.get(mid)
    sloped = l in sloped_layers(lesson)
    return {"sigmoid_a": sloped and act == "sigmoid",
            "slope_omitted": sloped and act != "identity",
            "slope_at_a": sloped and act in ("sigmoid", "tanh"),
            "sign_flipped": l == len(lesson["layers"]) - 1,
            "untransposed": l in square_above(lesson),
            "own_layer": l in own_shaped_as_above(lesson)}.get(chain, False)


def in_formula(mid: str, key: tuple, lesson: dict, c: dict) -> bool:
    """For a g or a value of the passes: whether the mistake is in that value's own formula
    (rather than in values an earlier update computed).  The weight decay left out is in g's
    own formula where the decay is L2's (g + l2*w)."""
    t, p, q = key
    if q in PASS:
        return q == "delta" and changes_delta(mid, int(p[len("delta"):p.index("[")]), lesson)
    assert q == "g", key
    if mid == "bias-gradient-times-a":
        return p.startswith("b")
    if mid in CHAIN:
        # A delta the gradient reads (its layer's, computed from those above) that the mistake changes.
        layer = int(p[1:p.index("[")])
        return any(changes_delta(mid, k, lesson) for k in range(layer, len(lesson["layers"]) + 1))
    if mid == DECAY_OMITTED:
        return c.get("l2") is not None
    return mid in G_FORMULA


def applies(mid: str, c: dict, lesson: dict) -> bool:
    opt, conv = c["optimizer"], c["convention"]
    if mid in ("bias-correction-omitted", "betas-swapped", "step-from-zero", "step-advanced-twice"):
        return opt in MOMENTS
    if mid == "one-minus-beta-omitted":
        # PyTorch momentum has no (1 - beta) to omit.
        return (opt == "momentum" and conv == "lecture") or opt in ("rmsprop",) + MOMENTS
    if mid in ("epsilon-placement", "g-for-g-squared"):
        return opt in ("adagrad", "rmsprop") + MOMENTS
    if mid == "adagrad-sum-restarted":
        return opt == "adagrad"
    if mid == "amsgrad-max-omitted":
        return opt == "amsgrad"
    if mid == RESTARTED:
        # From 0 at t = 1 anyway: it can show only from t = 2.
        return opt in MOVING_AVERAGES and c["steps"] >= 2
    if mid == DECAY_OMITTED:
        return opt == "adamw" or c.get("l2") is not None
    if mid == "batch-sum":
        return effective_batch(c, len(lesson["X"])) > 1
    if mid in ("adamw-decay-on-new-weight", "adamw-coupled"):
        return opt == "adamw"
    if mid in ("eta-twice", "eta-omitted", "sign-flipped"):
        return True
    if mid == "sigmoid-derivative":
        return sigmoid_derivative_used(lesson)
    if mid == "derivative-omitted":
        return any(lesson["layers"][l]["activation"] != "identity" for l in sloped_layers(lesson))
    if mid == "derivative-at-a":
        return any(lesson["layers"][l]["activation"] in ("sigmoid", "tanh") for l in sloped_layers(lesson))
    if mid == "delta-sign-flipped":
        return True
    if mid == "weights-untransposed":
        return bool(square_above(lesson))
    if mid == "delta-wrong-layer-weights":
        return bool(own_shaped_as_above(lesson))
    if mid == "bias-gradient-times-a":
        return any(nm.startswith("b") and nm not in lesson["fixed"] for nm in mf.parameter_names(lesson["layers"]))
    if mid == OTHERS:
        # Some parameter is not asked, and there is an update after the first.
        return c["steps"] >= 2 and len(mf.parameter_names(lesson["layers"])) > len(asked_parameters(lesson, c))
    raise ValueError(mid)


def applicable(c: dict, lesson: dict) -> list[str]:
    return [mid for mid in CATALOG if applies(mid, c, lesson)]


# ---------------------------------------------------------------------------
# The mistaken formulas: make_ecf_fixtures.equations with some equations replaced.
# Each equation is fn(t, eta, b, prev) -> F (b: believed values of this parameter in
# this step so far; prev: believed state of step t - 1), as in make_ecf_fixtures.
# ---------------------------------------------------------------------------


def other_convention(conv: str) -> str:
    return {"lecture": "pytorch", "pytorch": "lecture"}[conv]


def model(mid: str | None, c: dict) -> dict:
    """The formulas of a replay: equations, gradient reduction over the batch, the
    sigmoid f' used in the chain rule, and an extra term added to g."""
    opt, conv, hp = c["optimizer"], c["convention"], c["hyperparameters"]
    right = dict(mecf.equations(opt, conv, hp))
    order = [q for q, _ in mecf.equations(opt, conv, hp)]
    eq = dict(right)
    m = {"id": mid, "reduce": "mean", "chain": CHAIN.get(mid, "right"), "coupled": None, "frozen": False,
         "l2": c.get("l2")}
    one = F(1.0)
    if opt in MOMENTS:
        b1, b2, eps = F(hp["beta1"]), F(hp["beta2"]), F(hp["epsilon"])
    # What v_hat is the bias correction of: v, or the maximum of v in PyTorch's AMSGrad.
    vc = "v_max" if opt == "amsgrad" and conv == "pytorch" else "v"
    if mid is None:
        pass
    elif mid == "bias-correction-omitted":
        eq["m_hat"] = lambda t, eta, b, prev: b["m"]
        eq["v_hat"] = lambda t, eta, b, prev: b[vc]
    elif mid == "betas-swapped":
        swapped = dict(hp, beta1=hp["beta2"], beta2=hp["beta1"])
        sw = dict(mecf.equations(opt, conv, swapped))
        for q in ("m", "v", "m_hat", "v_hat"):
            eq[q] = sw[q]
    elif mid == "step-from-zero":
        eq["m_hat"] = lambda t, eta, b, prev: b["m"] / (one - mf.c_pow(b1, t - 1))
        eq["v_hat"] = lambda t, eta, b, prev: b[vc] / (one - mf.c_pow(b2, t - 1))
    elif mid == "step-advanced-twice":
        eq["m_hat"] = lambda t, eta, b, prev: b["m"] / (one - mf.c_pow(b1, t + 1))
        eq["v_hat"] = lambda t, eta, b, prev: b[vc] / (one - mf.c_pow(b2, t + 1))
    elif mid == "one-minus-beta-omitted":
        if opt == "momentum":
            beta = F(hp["beta"])
            eq["v"] = lambda t, eta, b, prev: beta * prev["v"] + b["g"]
        elif opt == "rmsprop":
            rho = F(hp["rho"])
            eq["ss"] = lambda t, eta, b, prev: rho * prev["ss"] + b["g"] * b["g"]
        else:
            eq["m"] = lambda t, eta, b, prev: b1 * prev["m"] + b["g"]
            eq["v"] = lambda t, eta, b, prev: b2 * prev["v"] + b["g"] * b["g"]
    elif mid == "epsilon-placement" and opt == "amsgrad":
        # eps moved across the root of the convention's own update (its v_max or v_hat)
        if conv == "lecture":
            eq["w_new"] = lambda t, eta, b, prev: b["w"] - (eta / (mf.c_sqrt(b["v_max"]) + eps)) * b["m_hat"]
        else:
            eq["w_new"] = lambda t, eta, b, prev: b["w"] - (eta * b["m_hat"]) / mf.c_sqrt(b["v_hat"] + eps)
    elif mid == "epsilon-placement":
        eq["w_new"] = dict(mecf.equations(opt, other_convention(conv), hp))["w_new"]
    elif mid == "g-for-g-squared":
        if opt == "adagrad":
            eq["s"] = lambda t, eta, b, prev: prev["s"] + b["g"]
        elif opt == "rmsprop":
            rho = F(hp["rho"])
            eq["ss"] = lambda t, eta, b, prev: rho * prev["ss"] + (one - rho) * b["g"]
        else:
            eq["v"] = lambda t, eta, b, prev: b2 * prev["v"] + (one - b2) * b["g"]
    elif mid == "adagrad-sum-restarted":
        eq["s"] = lambda t, eta, b, prev: b["g"] * b["g"]
    elif mid == "amsgrad-max-omitted":
        # this update's moment, not the largest so far
        eq["v_max"] = lambda t, eta, b, prev: b["v_hat"] if conv == "lecture" else b["v"]
    elif mid == RESTARTED:
        # the right formula, with each moving average of the update before taken as 0
        for q in MOVING_AVERAGES[opt]:
            eq[q] = lambda t, eta, b, prev, q=q: right[q](t, eta, b, dict(prev, **{k: F(0.0) for k in MOVING_AVERAGES[opt]}))
    elif mid == DECAY_OMITTED:
        # no L2 term in g; AdamW's update without its decay, Adam's of the convention
        m["l2"] = None
        if opt == "adamw":
            eq["w_new"] = dict(mecf.equations("adam", conv, hp))["w_new"]
    elif mid == "batch-sum":
        m["reduce"] = "sum"
    elif mid == "adamw-decay-on-new-weight":
        lam = F(hp["lambda"])
        if conv == "lecture":
            u = lambda t, eta, b: b["w"] - (eta / mf.c_sqrt(b["v_hat"] + eps)) * b["m_hat"]
        else:
            u = lambda t, eta, b: b["w"] - (eta * b["m_hat"]) / (mf.c_sqrt(b["v_hat"]) + eps)
        eq["w_new"] = lambda t, eta, b, prev: u(t, eta, b) - (eta * lam) * u(t, eta, b)
    elif mid == "adamw-coupled":
        m["coupled"] = hp["lambda"]
        eq["w_new"] = dict(mecf.equations("adam", conv, hp))["w_new"]
    elif mid in ("eta-twice", "eta-omitted", "sign-flipped"):
        wn = right["w_new"]
        if mid == "eta-twice":
            eq["w_new"] = lambda t, eta, b, prev: wn(t, eta * eta, b, prev)
        elif mid == "eta-omitted":
            eq["w_new"] = lambda t, eta, b, prev: wn(t, one, b, prev)
        else:
            eq["w_new"] = lambda t, eta, b, prev: b["w"] - (wn(t, eta, b, prev) - b["w"])
    elif mid in CHAIN:
        pass  # m["chain"]
    elif mid == OTHERS:
        # The right formulas; the parameters not asked never take their w_new (replay()).
        m["frozen"] = True
    else:
        raise ValueError(mid)
    m["eqs"] = [(q, eq[q]) for q in order]
    m["right"] = right
    return m


def pass_name(q: str, layer: int, unit: int) -> str:
    """z2[1]: quantity, layer (from 1), unit (from 1); the loss has none: loss."""
    return "loss" if q == "loss" else f"{q}{layer}[{unit}]"


def pass_quantity(name: str) -> str:
    """z for z2[1], delta for delta1[2], loss for loss."""
    return name.split("[")[0].rstrip("0123456789")


def sample_chain(layers, loss: str, x, y, chain: str = "right", settle=None):
    """make_fixtures.sample_pass's forward and backward pass, operation for operation (and
    make_chain_ecf_fixtures.replay's, with believed values), with a mistake's chain:

      right         the lecture's (make_fixtures.derivative: sigma' = a(1 - a), tanh' = 1 - a^2)
      sigmoid_a     every sigmoid f' is a
      slope_omitted every f' is 1
      slope_at_a    sigmoid and tanh f' taken at a: derivative(act, a, activate(act, a))
      sign_flipped  the output delta negated (y - yhat for yhat - y)
      untransposed  a hidden delta reads W_(l+1)[j][k] for W_(l+1)[k][j] (square W_(l+1))
      own_layer     a hidden delta reads W_l[k][j] (W_l shaped as W_(l+1))
      bias_times_a  a bias's gradient is delta * a of its unit

    An output whose delta is yhat - y (sigmoid under bce: make_fixtures' literal
    (yhat - y)/(yhat(1 - yhat)) * yhat(1 - yhat); softmax under cross-entropy: through its
    Jacobian) takes no f', so the slope mistakes leave it.  settle(name, value) -> the
    believed value (a student's answer in its place), or None for the computed values.
    Returns (zs, as_, deltas, loss, grads), believed."""
    settle = settle or (lambda name, value: value)
    zs, as_ = [], []
    a_prev = x
    for l, layer in enumerate(layers, start=1):
        z = []
        for j, row in enumerate(layer["W"], start=1):
            acc = F(0.0)
            for i, w in enumerate(row):
                acc = acc + w * a_prev[i]
            z.append(settle(pass_name("z", l, j), acc + layer["b"][j - 1]))
        if layer["activation"] == "softmax":
            computed = mf.softmax(z)
        else:
            computed = [mf.activate(layer["activation"], zj) for zj in z]
        a = [settle(pass_name("a", l, j), computed[j - 1]) for j in range(1, len(z) + 1)]
        zs.append(z)
        as_.append(a)
        a_prev = a
    L = len(layers)
    yhat = as_[-1]
    K = len(yhat)
    sample_l = settle("loss", mf.sample_loss(loss, y, yhat))

    def fprime(l, j):
        act, z, a = layers[l]["activation"], zs[l][j], as_[l][j]
        if chain == "sigmoid_a" and act == "sigmoid":
            return a
        if chain == "slope_omitted":
            return F(1.0)
        if chain == "slope_at_a" and act in ("sigmoid", "tanh"):
            return mf.derivative(act, a, mf.activate(act, a))
        return mf.derivative(act, z, a)

    last = layers[-1]["activation"]
    if last == "softmax":
        out = mf.softmax_output_delta(loss, y, yhat)
    elif loss == "bce" and last == "sigmoid":
        out = [mf.loss_derivative(loss, y[k], yhat[k], K) * mf.derivative(last, zs[-1][k], yhat[k]) for k in range(K)]
    else:
        out = [mf.loss_derivative(loss, y[k], yhat[k], K) * fprime(L - 1, k) for k in range(K)]
    if chain == "sign_flipped":
        out = [-d for d in out]
    deltas = [None] * L
    deltas[-1] = [settle(pass_name("delta", L, k + 1), out[k]) for k in range(K)]
    for l in range(L - 2, -1, -1):
        Wn, dn = layers[l + 1]["W"], deltas[l + 1]
        n = len(zs[l])
        if chain == "untransposed" and len(Wn) == n:
            weight = lambda k, j: Wn[j][k]
        elif chain == "own_layer" and len(Wn) == n == len(layers[l]["W"][0]):
            weight = lambda k, j, Wl=layers[l]["W"]: Wl[k][j]
        else:
            weight = lambda k, j: Wn[k][j]
        d = []
        for j in range(n):
            acc = F(0.0)
            for k in range(len(Wn)):
                acc = acc + weight(k, j) * dn[k]
            d.append(settle(pass_name("delta", l + 1, j + 1), acc * fprime(l, j)))
        deltas[l] = d
    grads = []
    for l, layer in enumerate(layers):
        inp = x if l == 0 else as_[l - 1]
        for j, row in enumerate(layer["W"]):
            for i in range(len(row)):
                grads.append(deltas[l][j] * inp[i])
            grads.append(deltas[l][j] * as_[l][j] if chain == "bias_times_a" else deltas[l][j])
    return zs, as_, deltas, sample_l, grads


# ---------------------------------------------------------------------------
# The replay (make_ecf_fixtures.replay with the formulas of a model).
# ---------------------------------------------------------------------------


def replay(c: dict, lesson: dict, answers: list[dict], mdl: dict, student=None) -> dict:
    """records[(t, parameter, quantity)] = (value, believed).  value: what the formulas
    give from believed inputs (non-finite where they divide by zero); believed: the
    answer if given, else the value, or where the value is not finite and the right
    formula's is, the right formula's.  student (optional): fn(key, carry, ctx) -> an
    answer or None, called as each value is reached (simulates the student).

    A value of a sample's passes has the key (t, "z2[1] of sample 1", "z") (quantity z, a,
    delta or loss); its answer is {t, sample, parameter: "z2[1]", quantity, value}.  Its
    believed value takes the computed one's place in the pass (make_chain_ecf_fixtures'
    carry-forward through the chain).  A fixed parameter (model.fixed) keeps its weight."""
    opt, hp = c["optimizer"], c["hyperparameters"]
    schedule, l2 = c.get("schedule"), mdl["l2"]
    X, Y, loss = lesson["X"], lesson["Y"], lesson["loss"]
    names = mf.parameter_names(lesson["layers"])
    qs = mecf.quantities(opt, c["convention"])
    ans = {}
    for a in answers:
        key = answer_key(a)
        assert key not in ans, ("duplicate answer", c["name"], key)
        assert 1 <= a["t"] <= c["steps"] and (a["parameter"] in names and a["quantity"] in qs or a["quantity"] in PASS), (c["name"], a)
        ans[key] = F(mecf.value_from_json(a["value"]))
    assert [q for q, _ in mdl["eqs"]] == list(qs[2:])
    prev = [{k: F(0.0) for k in mf.STATE_KEYS[opt]} for _ in names]
    w_carry = mf.get_params(lesson["layers"])
    # others-not-updated: every parameter not asked keeps its starting weight.
    kept = set(names) - set(asked_parameters(lesson, c)) if mdl["frozen"] else set()
    records, steps = {}, []

    def settle(t, name, q, value, carry, ctx):
        key = (t, name, q)
        if student is not None:
            v = student(key, carry, ctx)
            if v is not None:
                ans[key] = F(v)
        believed = ans.get(key, carry)
        records[key] = (value, believed)
        return believed

    for t, batch in enumerate(mecf.batches_of(c, len(X)), start=1):
        eta_t = F(mf.learning_rate(schedule, hp["eta"], t))
        ctx = {"t": t, "eta": eta_t}
        bw = [settle(t, nm, "w", w_carry[p], w_carry[p], ctx) for p, nm in enumerate(names)]
        layers = mf.set_params(lesson["layers"], bw)
        g_acc = [F(0.0)] * len(names)
        zs_all = []
        for s in batch:
            def settle_pass(name, value, s=s):
                q = pass_quantity(name)
                return settle(t, f"{name} of sample {s + 1}", q, value, value, ctx)
            zs, _, _, _, g_s = sample_chain(layers, loss, X[s], Y[s], mdl["chain"], settle_pass)
            g_acc = [ga + gs for ga, gs in zip(g_acc, g_s)]
            zs_all.extend(z for layer_z in zs for z in layer_z)
        g_data = g_acc if mdl["reduce"] == "sum" else [ga / F(len(batch)) for ga in g_acc]
        g_exp = g_data if l2 is None else [gr + F(l2) * wp for gr, wp in zip(g_data, bw)]
        if mdl["coupled"] is not None:
            g_exp = [gr + F(mdl["coupled"]) * wp for gr, wp in zip(g_exp, bw)]
        bg = [settle(t, nm, "g", g_exp[p], g_exp[p], ctx) for p, nm in enumerate(names)]
        steps.append({"t": t, "batch": batch, "eta": eta_t, "w": bw, "z": zs_all, "g_data": g_data})
        new_prev, new_w = [], []
        for p, nm in enumerate(names):
            b = {"w": bw[p], "g": bg[p]}
            for q, fn in mdl["eqs"]:
                value = b["w"] if q == "w_new" and nm in lesson["fixed"] else fn(t, eta_t, b, prev[p])
                carry = value
                if not np.isfinite(value):
                    r = mdl["right"][q](t, eta_t, b, prev[p])
                    if np.isfinite(r):
                        carry = r
                b[q] = settle(t, nm, q, value, carry, ctx)
            new_prev.append({k: b[k] for k in mf.STATE_KEYS[opt]})
            new_w.append(w_carry[p] if nm in kept else b["w_new"])
        prev, w_carry = new_prev, new_w
    return {"records": records, "answers": ans, "steps": steps, "names": names}


# ---------------------------------------------------------------------------
# Second implementations, for the self-checks only.
# ---------------------------------------------------------------------------


def answer_key(a: dict) -> tuple:
    """The replay's key of an answer (or of an expected entry): a value of a sample's passes
    (it has a sample) is named "z2[1] of sample 1"."""
    if "sample" in a:
        return (a["t"], f"{a['parameter']} of sample {a['sample']}", a["quantity"])
    return (a["t"], a["parameter"], a["quantity"])


def key_json(key: tuple) -> dict:
    """{t, parameter, quantity}, with the sample for a value of the passes."""
    t, p, q = key
    if q in PASS:
        name, sample = p.split(" of sample ")
        return {"t": t, "sample": int(sample), "parameter": name, "quantity": q}
    return {"t": t, "parameter": p, "quantity": q}


def _sqrt(x: float) -> float:
    return math.sqrt(x) if x >= 0 else math.nan


def _div(a: float, b: float) -> float:
    if b != 0:
        return a / b
    if a == 0 or math.isnan(a):
        return math.nan
    return math.copysign(math.inf, a) * math.copysign(1.0, b)


def adam_moments(mid, hp, P, g, t, out):
    """Adam's and AMSGrad's m and v under mistake `mid` (into `out`), and the betas, epsilon
    and the t the bias corrections use."""
    b1, b2, eps = hp["beta1"], hp["beta2"], hp["epsilon"]
    if mid == "betas-swapped":
        b1, b2 = b2, b1
    if mid == "one-minus-beta-omitted":
        out["m"] = b1 * P["m"] + g
        out["v"] = b2 * P["v"] + g * g
    else:
        out["m"] = b1 * P["m"] + (1 - b1) * g
        out["v"] = b2 * P["v"] + (1 - b2) * (g if mid == "g-for-g-squared" else g * g)
    tc = {"step-from-zero": t - 1, "step-advanced-twice": t + 1}.get(mid, t)
    return b1, b2, eps, tc


def catalog_step(mid, c, t, eta, b, prev):
    """Every state value and w_new of one parameter, each from the believed inputs b
    (this step: w, g, and the state values) and prev (believed state of t - 1),
    written again from the catalog's wording in plain Python floats."""
    opt, conv, hp = c["optimizer"], c["convention"], c["hyperparameters"]
    w, g = float(b["w"]), float(b["g"])
    B = {k: float(v) for k, v in b.items()}
    P = {k: float(v) for k, v in prev.items()}
    if mid == RESTARTED:
        # m, v, ss, momentum's v of the update before read as 0 (AMSGrad's v_max is kept)
        P.update({k: 0.0 for k in P if k != "v_max"})
    out = {}
    lecture = conv == "lecture"
    if mid == "epsilon-placement":
        lecture = not lecture  # the other convention's w_new formula
    eta_w = {"eta-twice": eta * eta, "eta-omitted": 1.0}.get(mid, eta)

    if opt == "momentum":
        beta = hp["beta"]
        if conv == "lecture":
            out["v"] = beta * P["v"] + (g if mid == "one-minus-beta-omitted" else (1 - beta) * g)
        else:
            out["v"] = g if t == 1 else beta * P["v"] + g
        W = lambda e: w - e * B["v"]
    elif opt == "adagrad":
        eps = hp["epsilon"]
        if mid == "g-for-g-squared":
            out["s"] = P["s"] + g
        elif mid == "adagrad-sum-restarted":
            out["s"] = g * g
        else:
            out["s"] = P["s"] + g * g
        W = (lambda e: w - (e / _sqrt(B["s"] + eps)) * g) if lecture else (
            lambda e: w - _div(e * g, _sqrt(B["s"]) + eps))
    elif opt == "rmsprop":
        rho, eps = hp["rho"], hp["epsilon"]
        if mid == "g-for-g-squared":
            out["ss"] = rho * P["ss"] + (1 - rho) * g
        elif mid == "one-minus-beta-omitted":
            out["ss"] = rho * P["ss"] + g * g
        else:
            out["ss"] = rho * P["ss"] + (1 - rho) * (g * g)
        W = (lambda e: w - (e / _sqrt(B["ss"] + eps)) * g) if lecture else (
            lambda e: w - _div(e * g, _sqrt(B["ss"]) + eps))
    elif opt in ADAMS:
        b1, b2, eps, tc = adam_moments(mid, hp, P, g, t, out)
        if mid == "bias-correction-omitted":
            out["m_hat"], out["v_hat"] = B["m"], B["v"]
        else:
            out["m_hat"] = _div(B["m"], 1 - b1 ** tc)
            out["v_hat"] = _div(B["v"], 1 - b2 ** tc)
        mh, vh = B["m_hat"], B["v_hat"]
        adam = (lambda e: w - (e / _sqrt(vh + eps)) * mh) if lecture else (
            lambda e: w - _div(e * mh, _sqrt(vh) + eps))
        if opt == "adam" or mid in ("adamw-coupled", DECAY_OMITTED):
            W = adam
        elif mid == "adamw-decay-on-new-weight":
            W = lambda e: adam(e) - e * hp["lambda"] * adam(e)
        else:
            W = lambda e: adam(e) - e * hp["lambda"] * w
    elif opt == "amsgrad":
        b1, b2, eps, tc = adam_moments(mid, hp, P, g, t, out)
        out["m_hat"] = B["m"] if mid == "bias-correction-omitted" else _div(B["m"], 1 - b1 ** tc)
        # the lecture's form: the maximum of v_hat; PyTorch's: of v, then corrected
        kept = B["v_hat"] if conv == "lecture" else B["v"]
        if conv == "lecture":
            out["v_hat"] = B["v"] if mid == "bias-correction-omitted" else _div(B["v"], 1 - b2 ** tc)
        else:
            out["v_hat"] = B["v_max"] if mid == "bias-correction-omitted" else _div(B["v_max"], 1 - b2 ** tc)
        out["v_max"] = kept if mid == "amsgrad-max-omitted" else (
            math.nan if math.isnan(P["v_max"]) or math.isnan(kept) else max(P["v_max"], kept))
        mh = B["m_hat"]
        # lecture: eta/sqrt(v_max + eps)*m_hat; pytorch: eta*m_hat/(sqrt(v_hat) + eps);
        # epsilon-placement swaps inside and outside for the same radicand
        radicand = B["v_max"] if conv == "lecture" else B["v_hat"]
        if (conv == "lecture") != (mid == "epsilon-placement"):
            W = (lambda e: w - (e / _sqrt(radicand + eps)) * mh) if conv == "lecture" else (
                lambda e: w - _div(e * mh, _sqrt(radicand + eps)))
        else:
            W = (lambda e: w - (e / (_sqrt(radicand) + eps)) * mh) if conv == "lecture" else (
                lambda e: w - _div(e * mh, _sqrt(radicand) + eps))
    else:
        W = lambda e: w - e * g
    out["w_new"] = w - (W(eta_w) - w) if mid == "sign-flipped" else W(eta_w)
    return out


def close_enough(val, ref) -> bool:
    """A replay's value against a second implementation's: non-finite exactly where it is,
    else within 1e-14 + 1e-9 relative (numpy's matrix products add in another order, and a
    softmax output's delta is yhat - y here, through the Jacobian in the replay)."""
    val, ref = float(val), float(ref)
    if not math.isfinite(ref):
        return not math.isfinite(val)
    return abs(val - ref) <= 1e-14 + 1e-9 * abs(ref)


def vec_step(c, lesson, res, st, mdl) -> tuple[np.ndarray, int]:
    """The step's g with numpy matrices, layer by layer from the values the student is
    believed to have (their answers where they gave them, else the replay's own): a second
    implementation of the chain rule with every mistake's chain, the batch sum and
    g + lambda*w.  Each z, a, loss and delta the replay computed is checked on the way
    against the same formula here, fed the same believed inputs.  Returns (g, checks)."""
    acts = [layer["activation"] for layer in lesson["layers"]]
    layers = mf.set_params(lesson["layers"], st["w"])
    Ws = [np.array(layer["W"], dtype=float) for layer in layers]
    bs = [np.array(layer["b"], dtype=float) for layer in layers]
    L, t, chain, loss = len(Ws), st["t"], mdl["chain"], lesson["loss"]
    sig = lambda z: 1 / (1 + np.exp(-z))
    f = {"identity": lambda z: z, "sigmoid": sig, "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0),
         "softmax": lambda z: np.exp(z) / np.exp(z).sum()}
    slope = {"identity": lambda z, a: np.ones_like(z), "relu": lambda z, a: (z > 0).astype(float),
             "tanh": lambda z, a: 1 - a * a, "sigmoid": lambda z, a: a * (1 - a)}
    checks = 0
    total = None
    for s in st["batch"]:
        x, y = np.array(lesson["X"][s], dtype=float), np.array(lesson["Y"][s], dtype=float)
        rec = lambda name: res["records"][(t, f"{name} of sample {s + 1}", pass_quantity(name))]

        def believe(q, l, computed):
            """Checks the replay's computed values of layer l (from 1) and returns the believed ones."""
            nonlocal checks
            out = []
            for j, v in enumerate(computed, start=1):
                value, believed = rec(pass_name(q, l, j))
                assert close_enough(value, v), (c["name"], mdl["id"], t, s + 1, q, l, j, float(value), float(v))
                checks += 1
                out.append(float(believed))
            return np.array(out)

        a_list, z_list = [x], []
        for l, (W, b, act) in enumerate(zip(Ws, bs, acts), start=1):
            z_list.append(believe("z", l, W @ a_list[-1] + b))
            a_list.append(believe("a", l, f[act](z_list[-1])))
        yhat = a_list[-1]
        value, _ = rec("loss")
        ref = {"half_sse": lambda: 0.5 * np.sum((y - yhat) ** 2), "mse": lambda: np.mean((y - yhat) ** 2),
               "bce": lambda: -np.sum(y * np.log(yhat) + (1 - y) * np.log(1 - yhat)),
               "cross_entropy": lambda: -np.sum(y[y != 0] * np.log(yhat[y != 0]))}[loss]()
        assert close_enough(value, ref), (c["name"], mdl["id"], t, s + 1, "loss")
        checks += 1

        def fp(l):
            z, a, act = z_list[l], a_list[l + 1], acts[l]
            if chain == "sigmoid_a" and act == "sigmoid":
                return a
            if chain == "slope_omitted":
                return np.ones_like(z)
            if chain == "slope_at_a" and act in ("sigmoid", "tanh"):
                return slope[act](a, f[act](a))
            return slope[act](z, a)

        if (loss == "bce" and acts[-1] == "sigmoid") or acts[-1] == "softmax":
            delta = yhat - y  # no f'
        else:
            dl = {"half_sse": yhat - y, "mse": 2 * (yhat - y) / len(y)}[loss]
            delta = dl * fp(L - 1)
        if chain == "sign_flipped":
            delta = -delta
        delta = believe("delta", L, delta)
        parts = [None] * L
        for l in range(L - 1, -1, -1):
            bias = delta * a_list[l + 1] if chain == "bias_times_a" else delta
            parts[l] = np.hstack([np.outer(delta, a_list[l]), bias[:, None]]).ravel()
            if l > 0:
                M = Ws[l].T
                if chain == "untransposed" and Ws[l].shape[0] == Ws[l].shape[1]:
                    M = Ws[l]
                elif chain == "own_layer" and Ws[l - 1].shape == Ws[l].shape:
                    M = Ws[l - 1].T
                delta = believe("delta", l, (M @ delta) * fp(l - 1))
        gs = np.concatenate(parts)
        total = gs if total is None else total + gs
    g = total if mdl["reduce"] == "sum" else total / len(st["batch"])
    w = np.array([float(v) for v in st["w"]])
    if mdl["l2"] is not None:
        g = g + mdl["l2"] * w
    if mdl["coupled"] is not None:
        g = g + mdl["coupled"] * w
    return g, checks


def check_replay_second(c, lesson, res, mdl):
    """Every value of a replay against the second implementations, fed the believed
    inputs the replay recorded: g against vec_gradient at the believed weights,
    state and w_new against catalog_step (non-finite exactly where it is)."""
    names, opt = res["names"], c["optimizer"]
    n = 0
    start, asked = mf.get_params(lesson["layers"]), set(asked_parameters(lesson, c))
    for st in res["steps"]:
        t = st["t"]
        # The weights the step ran at: the start at t = 1; then each parameter's w_new of
        # t - 1, except (others-not-updated) a parameter not asked, still at its start.
        for p, nm in enumerate(names):
            if (t, nm, "w") in res["answers"]:
                continue
            before = start[p] if t == 1 or (mdl["frozen"] and nm not in asked) else res["records"][(t - 1, nm, "w_new")][1]
            assert same_bits(st["w"][p], before), (c["name"], mdl["id"], t, nm, "ran at the wrong weight")
            n += 1
        g_vec, checks = vec_step(c, lesson, res, st, mdl)
        n += checks
        for p, nm in enumerate(names):
            val = res["records"][(t, nm, "g")][0]
            assert close_enough(val, g_vec[p]), (c["name"], mdl["id"], t, nm, val, g_vec[p])
            b = {q: res["records"][(t, nm, q)][1] for q in mecf.quantities(opt, c["convention"])}
            prev = {q: (F(0.0) if t == 1 else res["records"][(t - 1, nm, q)][1]) for q in mf.STATE_KEYS[opt]}
            ref = catalog_step(mdl["id"], c, t, float(st["eta"]), b, prev)
            for q in mf.STATE_KEYS[opt] + ("w_new",):
                val = float(res["records"][(t, nm, q)][0])
                if not math.isfinite(ref[q]):
                    assert not math.isfinite(val), (c["name"], mdl["id"], t, nm, q, val, ref[q])
                else:
                    assert abs(val - ref[q]) <= 1e-15 + 1e-12 * abs(ref[q]), (c["name"], mdl["id"], t, nm, q, val, ref[q])
                n += 1
    return n


# ---------------------------------------------------------------------------
# Cases.
# ---------------------------------------------------------------------------


# What a case asks besides the default: case name -> {"parameters": names or None,
# "passes": whether every z, a, delta and loss of every sample of each update's batch is asked}.
ASKING: dict[str, dict] = {}


def asked_parameters(lesson: dict, c: dict | None = None) -> list[str]:
    """The first weight of the last layer and the first weight of the first layer (one
    parameter when the network has one layer), in parameter order; or the case's own."""
    names = mf.parameter_names(lesson["layers"])
    own = ASKING.get(c["name"], {}).get("parameters") if c else None
    wanted = set(own) if own else {f"W{len(lesson['layers'])}[1,1]", "W1[1,1]"}
    assert wanted <= set(names), wanted
    return [nm for nm in names if nm in wanted]


def pass_keys(lesson: dict, t: int, sample: int) -> list[tuple]:
    """One sample's values of the passes in the homework's order: z then a layer by layer,
    the loss, then delta from the last layer down (sample from 1)."""
    sizes = [len(layer["W"]) for layer in lesson["layers"]]
    keys = []
    for l, n in enumerate(sizes, start=1):
        for q in ("z", "a"):
            keys += [(t, f"{pass_name(q, l, j)} of sample {sample}", q) for j in range(1, n + 1)]
    keys.append((t, f"loss of sample {sample}", "loss"))
    for l in range(len(sizes), 0, -1):
        keys += [(t, f"{pass_name('delta', l, j)} of sample {sample}", "delta") for j in range(1, sizes[l - 1] + 1)]
    return keys


def asked_keys(c: dict, lesson: dict) -> list[tuple]:
    """Update by update: the passes of the batch's samples (if the case asks them), then
    each asked parameter's g, state and w_new (no w)."""
    qs = mecf.quantities(c["optimizer"], c["convention"])[1:]
    passes = ASKING.get(c["name"], {}).get("passes", False)
    keys = []
    for t, batch in enumerate(mecf.batches_of(c, len(lesson["X"])), start=1):
        if passes:
            for s in batch:
                keys += pass_keys(lesson, t, s + 1)
        keys += [(t, p, q) for p in asked_parameters(lesson, c) for q in qs]
    return keys


def layer_of(name: str) -> int:
    """The layer (from 1) of a value of the passes: 2 for "delta2[1] of sample 1"."""
    return int(name[len(name.split("[")[0].rstrip("0123456789")):name.index("[")])


def plain_value(trace: dict, key: tuple):
    """The key's value (make_fixtures.run_case) of a parameter's quantity or of a pass value."""
    t, p, q = key
    step = trace["steps"][t - 1]
    if q not in PASS:
        return step["parameters"][p][q]
    name, sample = p.split(" of sample ")
    rec = next(x for x in step["samples"] if x["index"] == int(sample))
    if q == "loss":
        return rec["loss"]
    return rec["layers"][layer_of(name) - 1][q][int(name[name.index("[") + 1:-1]) - 1]


def spec(name, mistake, lesson, optimizer, convention, hyper, batch_size, *, student=None, note="", steps=3,
         parameters=None, passes=False, l2=None):
    c = mf.case(name, lesson, optimizer, convention, hyper, steps, batch_size)
    c["l2"] = None if l2 is None else float(l2)
    if parameters or passes:
        ASKING[name] = {"parameters": parameters, "passes": passes}
    return {"case": c, "mistake": mistake, "student": student or {"kind": "mistake"}, "note": note}


def build_specs() -> list[dict]:
    T = "tanh-sigmoid-2-2-1"
    MZ = "mazur-2-2-1"
    LG = "logistic-2-1-bce"
    LIN = "linear-3-2-mse"
    DV = "diverge-1-1"
    DEEP = "deep-2-3-2-1-bce"
    adam = lambda eta, **kw: {"eta": eta, **ADAM, **kw}
    S = []
    # 1. bias-correction-omitted
    S.append(spec("mc-bias-correction-omitted-adam-lecture", "bias-correction-omitted", T, "adam", "lecture",
                  adam(0.01), 2))
    S.append(spec("mc-bias-correction-omitted-adamw-pytorch", "bias-correction-omitted", MZ, "adamw", "pytorch",
                  adam(0.01, **{"lambda": 0.1}), "full"))
    # 2. betas-swapped
    S.append(spec("mc-betas-swapped-adam-pytorch", "betas-swapped", T, "adam", "pytorch", adam(0.01), 2))
    S.append(spec("mc-betas-swapped-adamw-lecture", "betas-swapped", LG, "adamw", "lecture",
                  adam(0.05, **{"lambda": 0.1}), 2))
    # 3. step-from-zero
    S.append(spec("mc-step-from-zero-adam-lecture", "step-from-zero", MZ, "adam", "lecture", adam(0.01), "full"))
    S.append(spec("mc-step-from-zero-adamw-pytorch", "step-from-zero", T, "adamw", "pytorch",
                  adam(0.01, **{"lambda": 0.1}), 2))
    # 4. step-advanced-twice
    S.append(spec("mc-step-advanced-twice-adam-pytorch", "step-advanced-twice", MZ, "adam", "pytorch",
                  adam(0.01), "full"))
    S.append(spec("mc-step-advanced-twice-adamw-lecture", "step-advanced-twice", T, "adamw", "lecture",
                  adam(0.01, **{"lambda": 0.1}), 3))
    # 5. one-minus-beta-omitted
    S.append(spec("mc-one-minus-beta-omitted-momentum-lecture", "one-minus-beta-omitted", T, "momentum",
                  "lecture", {"eta": 0.1, "beta": 0.9}, 2))
    S.append(spec("mc-one-minus-beta-omitted-adam-pytorch", "one-minus-beta-omitted", LG, "adam", "pytorch",
                  adam(0.01), 2))
    # 6. epsilon-placement
    S.append(spec("mc-epsilon-placement-adagrad-lecture", "epsilon-placement", T, "adagrad", "lecture",
                  {"eta": 0.1, "epsilon": 1e-3}, 2))
    S.append(spec("mc-epsilon-placement-adam-pytorch", "epsilon-placement", T, "adam", "pytorch",
                  {"eta": 0.01, "beta1": 0.9, "beta2": 0.999, "epsilon": 2e-3}, 2))
    # 7. g-for-g-squared (every gradient positive: diverge-1-1, full batch)
    S.append(spec("mc-g-for-g-squared-adagrad-lecture", "g-for-g-squared", DV, "adagrad", "lecture",
                  {"eta": 0.05, "epsilon": 1e-8}, "full"))
    S.append(spec("mc-g-for-g-squared-rmsprop-pytorch", "g-for-g-squared", DV, "rmsprop", "pytorch",
                  {"eta": 0.01, "rho": 0.9, "epsilon": 1e-8}, "full"))
    # 8. adagrad-sum-restarted
    S.append(spec("mc-adagrad-sum-restarted-adagrad-pytorch", "adagrad-sum-restarted", T, "adagrad", "pytorch",
                  {"eta": 0.1, "epsilon": 1e-8}, 2))
    S.append(spec("mc-adagrad-sum-restarted-adagrad-lecture", "adagrad-sum-restarted", LIN, "adagrad", "lecture",
                  {"eta": 0.03, "epsilon": 1e-8}, 2))
    # 8b. amsgrad-max-omitted (one sample per update, so that the moments fall at t = 2)
    S.append(spec("mc-amsgrad-max-omitted-amsgrad-lecture", "amsgrad-max-omitted", LIN, "amsgrad", "lecture",
                  adam(0.05), 1))
    S.append(spec("mc-amsgrad-max-omitted-amsgrad-pytorch", "amsgrad-max-omitted", LIN, "amsgrad", "pytorch",
                  {"eta": 0.05, "beta1": 0.9, "beta2": 0.9, "epsilon": 1e-8}, 1))
    # 8c. state-restarted: every moving average from 0 at every update
    S.append(spec("mc-state-restarted-adam-lecture", RESTARTED, T, "adam", "lecture", adam(0.01), 2))
    S.append(spec("mc-state-restarted-rmsprop-pytorch", RESTARTED, MZ, "rmsprop", "pytorch",
                  {"eta": 0.01, "rho": 0.9, "epsilon": 1e-8}, "full"))
    S.append(spec("mc-state-restarted-momentum-pytorch", RESTARTED, T, "momentum", "pytorch",
                  {"eta": 0.1, "beta": 0.9}, 2))
    # 9. batch-sum
    S.append(spec("mc-batch-sum-minibatch-lecture", "batch-sum", T, "minibatch", "lecture", {"eta": 0.4}, 2))
    S.append(spec("mc-batch-sum-momentum-pytorch", "batch-sum", LIN, "momentum", "pytorch",
                  {"eta": 0.12, "beta": 0.9}, 2))
    # 10. adamw-decay-on-new-weight
    S.append(spec("mc-adamw-decay-on-new-weight-lecture", "adamw-decay-on-new-weight", MZ, "adamw", "lecture",
                  adam(0.1, **{"lambda": 0.1}), "full"))
    S.append(spec("mc-adamw-decay-on-new-weight-pytorch", "adamw-decay-on-new-weight", T, "adamw", "pytorch",
                  adam(0.1, **{"lambda": 0.2}), 2))
    # 11. adamw-coupled
    S.append(spec("mc-adamw-coupled-lecture", "adamw-coupled", T, "adamw", "lecture",
                  adam(0.01, **{"lambda": 0.2}), 2))
    S.append(spec("mc-adamw-coupled-pytorch", "adamw-coupled", LG, "adamw", "pytorch",
                  adam(0.05, **{"lambda": 0.1}), 2))
    # 11b. weight-decay-omitted: AdamW's decay (eta * lambda = 0.01 of w, well above w_new's
    # tolerance) and L2's lambda_2 * w in g
    S.append(spec("mc-weight-decay-omitted-adamw-lecture", DECAY_OMITTED, MZ, "adamw", "lecture",
                  adam(0.1, **{"lambda": 0.1}), "full"))
    S.append(spec("mc-weight-decay-omitted-adamw-pytorch", DECAY_OMITTED, T, "adamw", "pytorch",
                  adam(0.1, **{"lambda": 0.2}), 2))
    S.append(spec("mc-weight-decay-omitted-adam-l2-lecture", DECAY_OMITTED, T, "adam", "lecture", adam(0.01), 2,
                  l2=0.1))
    # 12. eta-twice
    S.append(spec("mc-eta-twice-gd-lecture", "eta-twice", T, "gd", "lecture", {"eta": 0.5}, "full"))
    S.append(spec("mc-eta-twice-rmsprop-lecture", "eta-twice", T, "rmsprop", "lecture",
                  {"eta": 0.01, "rho": 0.9, "epsilon": 1e-8}, "full"))
    # 13. eta-omitted
    S.append(spec("mc-eta-omitted-momentum-pytorch", "eta-omitted", T, "momentum", "pytorch",
                  {"eta": 0.1, "beta": 0.9}, 2))
    S.append(spec("mc-eta-omitted-sgd-lecture", "eta-omitted", T, "sgd", "lecture", {"eta": 0.3}, 1))
    # 14. sign-flipped
    S.append(spec("mc-sign-flipped-sgd-lecture", "sign-flipped", DEEP, "sgd", "lecture", {"eta": 0.15}, 1))
    S.append(spec("mc-sign-flipped-adam-pytorch", "sign-flipped", T, "adam", "pytorch", adam(0.01), 2))
    # 15. sigmoid-derivative
    # 16. others-not-updated: only the asked W2[1,1] and W1[1,1] are carried by hand.
    S.append(spec("mc-others-not-updated-adam-lecture", OTHERS, T, "adam", "lecture", adam(0.01), "full"))
    S.append(spec("mc-others-not-updated-momentum-pytorch", OTHERS, MZ, "momentum", "pytorch",
                  {"eta": 0.5, "beta": 0.9}, "full"))
    S.append(spec("mc-sigmoid-derivative-gd-lecture", "sigmoid-derivative", MZ, "gd", "lecture", {"eta": 0.5},
                  "full"))
    S.append(spec("mc-sigmoid-derivative-rmsprop-pytorch", "sigmoid-derivative", T, "rmsprop", "pytorch",
                  {"eta": 0.01, "rho": 0.9, "epsilon": 1e-8}, 2))
    # The chain rule's mistakes, most with every z, a, delta and loss asked too (passes=True):
    # a 2-2-2 network (Mazur's, its biases free: both W square, W1 and W2 alike in shape), a
    # tanh-sigmoid 2-2-1, a softmax output and a logistic (bce) output.
    SM = "softmax-2-2-3"
    sgd = {"eta": 0.5}
    S.append(spec("mc-batch-sum-minibatch-passes", "batch-sum", T, "minibatch", "lecture", {"eta": 0.4}, 2,
                  steps=2, passes=True))
    S.append(spec("mc-sigmoid-derivative-sgd-passes", "sigmoid-derivative", MZ, "sgd", "lecture", sgd, 1,
                  steps=2, passes=True))
    S.append(spec("mc-derivative-omitted-sgd-passes", "derivative-omitted", MZ, "sgd", "lecture", sgd, 1,
                  steps=2, passes=True))
    S.append(spec("mc-derivative-omitted-adam-pytorch", "derivative-omitted", T, "adam", "pytorch", adam(0.01), 2))
    S.append(spec("mc-derivative-at-a-gd-passes", "derivative-at-a", MZ, "gd", "lecture", sgd, "full",
                  steps=2, passes=True))
    S.append(spec("mc-derivative-at-a-momentum-lecture", "derivative-at-a", T, "momentum", "lecture",
                  {"eta": 0.1, "beta": 0.9}, 2))
    S.append(spec("mc-delta-sign-flipped-softmax-passes", "delta-sign-flipped", SM, "sgd", "lecture", sgd, 1,
                  steps=2, passes=True))
    S.append(spec("mc-delta-sign-flipped-rmsprop-pytorch", "delta-sign-flipped", LG, "rmsprop", "pytorch",
                  {"eta": 0.01, "rho": 0.9, "epsilon": 1e-8}, 2))
    S.append(spec("mc-weights-untransposed-gd-passes", "weights-untransposed", MZ, "gd", "lecture", sgd, "full",
                  steps=2, passes=True))
    S.append(spec("mc-weights-untransposed-adam-lecture", "weights-untransposed", MZ, "adam", "lecture", adam(0.01),
                  "full"))
    S.append(spec("mc-delta-wrong-layer-weights-sgd-passes", "delta-wrong-layer-weights", MZ, "sgd", "lecture", sgd, 1,
                  steps=2, passes=True))
    S.append(spec("mc-delta-wrong-layer-weights-adamw-pytorch", "delta-wrong-layer-weights", MZ, "adamw", "pytorch",
                  adam(0.01, **{"lambda": 0.1}), "full"))
    S.append(spec("mc-bias-gradient-times-a-minibatch-passes", "bias-gradient-times-a", T, "minibatch", "lecture",
                  {"eta": 0.4}, 2, steps=2, passes=True, parameters=["W1[1,1]", "b1[2]", "b2[1]"]))
    S.append(spec("mc-bias-gradient-times-a-adam-lecture", "bias-gradient-times-a", MZ, "adam", "lecture", adam(0.01),
                  "full", parameters=["W2[1,1]", "b2[1]"]))
    S.append(spec("mc-none-sgd-passes-slip", None, MZ, "sgd", "lecture", sgd, 1, steps=2, passes=True,
                  student={"kind": "slip", "key": (1, "delta2[1] of sample 1", "delta")}))
    # Negative cases: no mistake.
    S.append(spec("mc-none-adam-lecture-slip", None, T, "adam", "lecture", adam(0.01), 2,
                  student={"kind": "slip", "key": (2, "W2[1,1]", "m")}))
    S.append(spec("mc-none-momentum-pytorch-slip", None, T, "momentum", "pytorch", {"eta": 0.1, "beta": 0.9}, 2,
                  student={"kind": "slip", "key": (2, "W1[1,1]", "g")}))
    S.append(spec("mc-none-adam-lecture-random-t2", None, T, "adam", "lecture", adam(0.01), 2,
                  student={"kind": "random", "t": 2, "seed": 20240611}))
    return S


def simulate(sp: dict, lesson: dict) -> list[dict]:
    """The simulated student's answers (every asked value, nothing else)."""
    c, st = sp["case"], sp["student"]
    asked = asked_keys(c, lesson)
    asked_set = set(asked)
    if st["kind"] == "mistake":
        mdl = model(sp["mistake"], c)
        student = lambda key, carry, ctx: six(carry) if key in asked_set else None
    elif st["kind"] == "slip":
        mdl = model(None, c)
        assert st["key"] in asked_set
        student = lambda key, carry, ctx: (six(carry * F(1.1)) if key == st["key"]
                                           else six(carry) if key in asked_set else None)
    else:
        mdl = model(None, c)
        rng = np.random.default_rng(st["seed"])

        def student(key, carry, ctx):
            if key not in asked_set:
                return None
            if key[0] != st["t"]:
                return six(carry)
            mag = abs(float(carry)) * 10.0 ** rng.uniform(-0.5, 0.5)
            if key[2] in ("v", "v_hat"):  # non-negative by nature
                return six(mag)
            if key[2] == "w_new":
                return six(math.copysign(mag, float(carry)))
            return six(mag if rng.random() < 0.5 else -mag)
    raw = {}

    def recording(key, carry, ctx):
        raw[key] = carry
        return student(key, carry, ctx)

    sim = replay(c, lesson, [], mdl, student=recording)
    assert set(sim["answers"]) == asked_set, c["name"]
    # Every answer is the 6-significant-digit rendering of what the student's replay
    # carries (x 1.1 for the slip); the random answers are 6-digit numbers too.
    for key in asked:
        x = float(raw[key])
        if st["kind"] == "slip" and key == st["key"]:
            x = float(F(x) * F(1.1))
        if st["kind"] == "random" and key[0] == st["t"]:
            x = float(sim["answers"][key])
            assert abs(x) != abs(float(raw[key])), (c["name"], key)
        assert float(sim["answers"][key]) == float(f"{x:.6g}"), (c["name"], key)
    answers = [{**key_json(k), "value": float(sim["answers"][k])} for k in asked]
    assert all(math.isfinite(a["value"]) for a in answers), c["name"]
    return answers, sim, mdl


# ---------------------------------------------------------------------------
# Checks on a case.
# ---------------------------------------------------------------------------

# Where each mistake first shows with no answers: (t, quantities that must differ from
# the plain run by more than the tolerance at both asked parameters).  Everything
# asked before it (earlier steps, earlier quantities of that step) equals the plain
# run bit for bit.
FIRST_EFFECT = {
    "bias-correction-omitted": (1, ("m_hat", "v_hat", "w_new")),
    "betas-swapped": (1, ("m", "v")),
    "step-from-zero": (1, ("m_hat", "v_hat")),  # non-finite at t = 1; see also t = 2
    "step-advanced-twice": (1, ("m_hat", "v_hat", "w_new")),
    "one-minus-beta-omitted": (1, None),  # the state (first equation)
    "epsilon-placement": (1, ("w_new",)),
    "g-for-g-squared": (1, None),
    "adagrad-sum-restarted": (2, ("s", "w_new")),
    "amsgrad-max-omitted": (2, ("v_max", "w_new")),
    RESTARTED: (2, None),
    "batch-sum": (1, ("g",)),
    "adamw-decay-on-new-weight": (1, ("w_new",)),
    "adamw-coupled": (1, ("g", "m", "v", "m_hat")),
    DECAY_OMITTED: (1, ("w_new",)),  # ("g",) where the decay is L2's: see check_visible
    "eta-twice": (1, ("w_new",)),
    "eta-omitted": (1, ("w_new",)),
    "sign-flipped": (1, ("w_new",)),
    "sigmoid-derivative": (1, ("g",)),
    OTHERS: (2, ("g",)),
}


def check_visible(sp, lesson, trace):
    """The mistaken replay without answers differs from the plain run where it should.
    A mistake that changes no formula of the passes leaves every z, a, delta and loss of
    t = 1 as the plain run has them, bit for bit; a chain mistake leaves z, a and the loss,
    and changes some delta or g of t = 1 by more than the tolerance."""
    c, mid = sp["case"], sp["mistake"]
    res = replay(c, lesson, [], model(mid, c))
    keys = asked_keys(c, lesson)
    last = c["steps"]
    plain = lambda k: plain_value(trace, k)
    for k in keys:
        t, p, q = k
        if t == 1 and q in PASS and not (q == "delta" and mid in CHAIN):
            assert same_bits(res["records"][k][0], plain(k)), (c["name"], "differs too early", k)
    if mid in FIRST_EFFECT:
        qs = mecf.quantities(c["optimizer"], c["convention"])
        t0, diff = FIRST_EFFECT[mid]
        if mid == DECAY_OMITTED and c.get("l2") is not None:
            t0, diff = 1, ("g",)
        if diff is None:
            diff = (mf.STATE_KEYS[c["optimizer"]][0],)
        first_q = min(qs.index(q) for q in diff)
        for (t, p, q) in keys:
            if q in PASS:
                continue
            val = res["records"][(t, p, q)][0]
            if t < t0 or (t == t0 and qs.index(q) < first_q):
                assert same_bits(val, plain((t, p, q))), (c["name"], "differs too early", t, p, q)
            elif t == t0 and q in diff:
                assert not within(val, plain((t, p, q)), q), (c["name"], "mistake not visible", t, p, q, val)
        if mid == "step-from-zero":
            for p in asked_parameters(lesson, c):
                assert not np.isfinite(res["records"][(1, p, "m_hat")][0]), c["name"]
                for q in ("m_hat", "v_hat", "w_new"):
                    assert not within(res["records"][(2, p, q)][0], plain((2, p, q)), q), (c["name"], p, q)
    else:
        assert mid in CHAIN, mid
        assert any(not within(res["records"][k][0], plain(k), k[2]) for k in keys
                   if k[0] == 1 and k[2] in ("delta", "g")), (c["name"], "mistake not visible at t = 1")
    # It stays visible: some asked value at the last update differs too.
    assert any(not within(res["records"][k][0], plain(k), k[2])
               for k in keys if k[0] == last), (c["name"], f"not visible at t = {last}")
    return res


def check_quality(name, lesson, res, what):
    for rs in res["steps"]:
        for z in rs["z"]:
            assert z == 0 or abs(z) > 1e-3, (name, what, rs["t"], "z", float(z))
    for (t, p, q), (e, b) in res["records"].items():
        assert np.isfinite(b), (name, what, t, p, q, "believed value not finite")
        if q == "w_new" and np.isfinite(e):
            w = res["records"][(t, p, "w")][1]
            assert abs(e) > 1e-6 * abs(w), (name, what, t, p, "w_new cancels", float(e), float(w))


def build_case(sp, lesson, stats):
    c = sp["case"]
    name = c["name"]
    mf.validate_case(c)
    trace = mf.run_case(c, lesson)
    assert trace["diverged_at"] is None, name
    answers, sim, sim_model = simulate(sp, lesson)
    # What the file will hold, read back.
    answers = json.loads(mf.dump(answers))
    asked = asked_keys(c, lesson)
    ids = applicable(c, lesson)
    if sp["mistake"] is not None:
        assert sp["mistake"] in ids, name
        check_quality(name, lesson, check_visible(sp, lesson, trace), "no answers")
    # Carried forward: make_ecf_fixtures' replay, and ours with the right formulas agrees.
    # With answers in the passes (which make_ecf_fixtures does not take), ours: it equals
    # make_chain_ecf_fixtures' on chain-ecf.json, and the second implementation checks it.
    mine = replay(c, lesson, answers, model(None, c))
    if any("sample" in a for a in answers):
        cf = mine
    else:
        cf = mecf.replay(c, lesson, answers)
        for k, (e, b) in cf["records"].items():
            e2, b2 = mine["records"][k]
            assert same_bits(e, e2) and same_bits(b, b2), (name, "right-formula replay != make_ecf_fixtures", k)
        stats["ecf_agree"] += len(cf["records"])
    stats["second"] += check_replay_second(c, lesson, mine, model(None, c))
    check_quality(name, lesson, cf, "carried forward")
    # Candidates: every applicable entry's mistaken replay from the same answers.
    cands = {}
    for mid in ids:
        mdl = model(mid, c)
        cands[mid] = replay(c, lesson, answers, mdl)
        stats["second"] += check_replay_second(c, lesson, cands[mid], mdl)
        stats["replays"] += 1
    # The replay that simulated the student, replayed from the answers as written,
    # reproduces itself bit for bit (answers = 6 digits of what it carries).
    own = cands[sp["mistake"]] if sp["mistake"] is not None else mine
    for k, (e, b) in sim["records"].items():
        e2, b2 = own["records"][k]
        assert same_bits(e, e2) and same_bits(b, b2), (name, "student replay", k)
    ans = {answer_key(a): a["value"] for a in answers}
    if sp["mistake"] is not None:
        check_quality(name, lesson, own, "own mistake")
    expected = []
    raw = {}
    for (t, p, q) in asked:
        k = (t, p, q)
        a = ans[k]
        key = plain_value(trace, k)
        cfv = cf["records"][k][0]
        assert np.isfinite(key) and np.isfinite(cfv), (name, k)
        if within(a, key, q) or within(a, cfv, q):
            ex = []
        else:
            ex = sorted(mid for mid in ids if within(a, cands[mid]["records"][k][0], q))
        raw[k] = ex
        expected.append({**key_json(k), "key": key, "carried_forward": cfv, "explained_by": ex})
    prefer_others(expected, raw, lesson, c)
    prefer_decay(expected)
    for e in expected:
        k = answer_key(e)
        a, q = ans[k], k[2]
        # No decision rests on a borderline comparison: either the answer clearly
        # matches key or carried_forward, or it clearly matches neither and each
        # candidate clearly matches or clearly does not.  others-not-updated's comparison
        # counts only where it decides: where, matching or not, the final list differs.
        r0 = min(ratio(a, e["key"], q), ratio(a, e["carried_forward"], q))
        deciding = [mid for mid in ids if mid != OTHERS or others_decides(expected, raw, k, lesson, c)]
        decisive = [r0] if r0 < 1 / MARGIN else [ratio(a, e["key"], q), ratio(a, e["carried_forward"], q)] + [
            ratio(a, cands[mid]["records"][k][0], q) for mid in deciding]
        for r in decisive:
            stats["closest"] = min(stats["closest"], abs(math.log(r)) if 0 < r < math.inf else math.inf)
            assert not (1 / MARGIN < r < MARGIN), (name, k, "borderline comparison", float(a), r)
    # Case-level checks.
    st = sp["student"]
    if sp["mistake"] is not None:
        mid = sp["mistake"]
        assert any(mid in e["explained_by"] for e in expected), (name, "own id explains nothing")
        for e in expected:
            k = answer_key(e)
            a = ans[k]
            value = own["records"][k][0]
            assert not np.isfinite(value) or within(a, value, k[2]), (name, k, a, value)
            # Every answer not accepted by key or carried_forward is explained by the
            # student's own mistake.
            if not (within(a, e["key"], k[2]) or within(a, e["carried_forward"], k[2])):
                assert mid in e["explained_by"], (name, k, e)
    else:
        for e in expected:
            assert e["explained_by"] == [], (name, "negative case explained", e)
        if st["kind"] == "slip":
            k = st["key"]
            e = expected[asked.index(k)]
            assert not within(ans[k], e["key"], k[2]) and not within(ans[k], e["carried_forward"], k[2]), name
            # Every other answer is within tolerance of carried_forward.
            for e2 in expected:
                k2 = answer_key(e2)
                if k2 != k:
                    assert within(ans[k2], e2["carried_forward"], k2[2]), (name, k2)
        else:
            outside = [e for e in expected if e["t"] == st["t"]
                       and not within(ans[answer_key(e)], e["key"], e["quantity"])
                       and not within(ans[answer_key(e)], e["carried_forward"], e["quantity"])]
            assert len(outside) == sum(1 for k in asked if k[0] == st["t"]), (name, "a random answer is right")
    obj = {"name": name, "mistake": sp["mistake"], "case": c, "answers": answers, "expected": expected}
    return obj, ids


def g_like(q: str) -> bool:
    """A g or a value of the passes: computed at the weights, so an earlier update's mistake
    reaches it through every parameter that update moved."""
    return q == "g" or q in PASS


def prefer_others(expected: list[dict], raw: dict, lesson: dict, c: dict) -> None:
    """Where others-not-updated explains a wrong g(t) (or a wrong value of the passes at t),
    the earlier-update mistakes that also explain it (every id not in that value's own
    formula: in_formula) are kept only if the student's answers show them at an earlier
    update: in the explained_by of a value at t' < t that is not g-like, or of a g-like
    value whose own formula has the id.  If any is kept, others-not-updated is dropped; if
    none, others-not-updated stays and they are dropped.  Ids in the value's own formula
    stay either way.  (raw: explained_by before this.)"""
    for e in expected:
        k = answer_key(e)
        if not g_like(e["quantity"]) or OTHERS not in e["explained_by"]:
            continue
        shown = {mid for key, ex in raw.items() if key[0] < e["t"]
                 for mid in ex if not g_like(key[2]) or in_formula(mid, key, lesson, c)}
        own = lambda mid: in_formula(mid, k, lesson, c)
        earlier = [mid for mid in e["explained_by"] if not own(mid) and mid != OTHERS]
        evidenced = [mid for mid in earlier if mid in shown]
        if evidenced:
            e["explained_by"] = [mid for mid in e["explained_by"] if own(mid) or mid in evidenced]
        else:
            e["explained_by"] = [mid for mid in e["explained_by"] if own(mid) or mid == OTHERS]


def others_decides(expected: list[dict], raw: dict, k: tuple, lesson: dict, c: dict) -> bool:
    """Whether others-not-updated matching or not changes the final explained_by of k."""
    finals = []
    for matched in (True, False):
        trial = dict(raw)
        trial[k] = sorted(set(raw[k]) - {OTHERS} | ({OTHERS} if matched else set()))
        es = [dict(e, explained_by=list(trial[answer_key(e)])) for e in expected]
        prefer_others(es, trial, lesson, c)
        finals.append(next(e["explained_by"] for e in es if answer_key(e) == k))
    return finals[0] != finals[1]


def prefer_decay(expected: list[dict]) -> None:
    """Where adamw-coupled and weight-decay-omitted both explain a value (a w_new without
    the decay, from the student's own m_hat and v_hat: the coupled student leaves the decay
    out of the update too), the student's g of the same step and parameter decides, where it
    is asked: coupled alone if adamw-coupled explains that g (g + lambda*w), else the decay
    left out alone."""
    pair = ("adamw-coupled", DECAY_OMITTED)
    by_key = {answer_key(e): e for e in expected}
    for e in expected:
        if "sample" in e or not set(pair) <= set(e["explained_by"]):
            continue
        g = by_key.get((e["t"], e["parameter"], "g"))
        if g is None:
            continue
        drop = DECAY_OMITTED if "adamw-coupled" in g["explained_by"] else "adamw-coupled"
        e["explained_by"] = [mid for mid in e["explained_by"] if mid != drop]


def check_against_ecf_json(stats):
    """Our right-formula replay == make_ecf_fixtures.replay on every case of ecf.json
    (schedules, l2, shuffles, blanks, w answers), bit for bit."""
    data = json.loads((HERE / "ecf.json").read_text(encoding="utf-8"))
    cache = {}
    for case in data["cases"]:
        c = case["case"]
        lesson = cache.setdefault(c["lesson"], mf.load_lesson(c["lesson"]))
        a = mecf.replay(c, lesson, case["answers"])
        b = replay(c, lesson, case["answers"], model(None, c))
        assert a["records"].keys() == {k for k in b["records"] if k[2] not in PASS}, c["name"]
        for k, (e, bl) in a["records"].items():
            e2, b2 = b["records"][k]
            assert same_bits(e, e2) and same_bits(bl, b2), (c["name"], k)
        stats["ecf_json"] += len(a["records"])


def check_sample_grads():
    """sample_chain with the right chain is make_fixtures.sample_pass, bit for bit (z, a,
    delta, loss and gradient), on every sample of every lesson; each mistake's chain
    changes the gradient exactly where the catalog says it applies (a bias's gradient
    taken as delta * a changes it wherever there is a bias, fixed or not; it applies only
    where a bias is updated)."""
    for path in sorted((HERE / "lessons").glob("*.yaml")):
        lesson = mf.load_lesson(f"lessons/{path.name}")
        c = {"steps": 1, "name": path.name, "optimizer": "sgd", "convention": "lecture"}
        changed = {mid: False for mid in CHAIN}
        for x, y in zip(lesson["X"], lesson["Y"]):
            ref = mf.sample_pass(lesson["layers"], lesson["loss"], x, y)
            got = sample_chain(lesson["layers"], lesson["loss"], x, y)
            for part, (r, g) in enumerate(zip(ref, got)):
                flat = lambda v: [u for row in v for u in row] if isinstance(v, list) and v and isinstance(v[0], list) else (v if isinstance(v, list) else [v])
                assert len(flat(r)) == len(flat(g)) and all(same_bits(a, b) for a, b in zip(flat(r), flat(g))), (path.name, part)
            for mid, chain in CHAIN.items():
                grads = sample_chain(lesson["layers"], lesson["loss"], x, y, chain)[4]
                changed[mid] = changed[mid] or not all(same_bits(a, b) for a, b in zip(ref[4], grads))
        for mid in CHAIN:
            if mid == "bias-gradient-times-a":
                assert changed[mid], path.name
            else:
                assert changed[mid] == applies(mid, c, lesson), (path.name, mid, changed[mid])


def check_against_chain_ecf_json(stats):
    """Our right-formula replay == make_chain_ecf_fixtures.replay on every case of
    chain-ecf.json (answers in the passes only), bit for bit: every z, a, delta and loss
    (computed and believed) and every g and w_new."""
    import make_chain_ecf_fixtures as chain_ecf
    data = json.loads((HERE / "chain-ecf.json").read_text(encoding="utf-8"))
    cache = {}
    for case in data["cases"]:
        c = dict(case["case"], l2=None)
        lesson = cache.setdefault(c["lesson"], mf.load_lesson(c["lesson"]))
        a = chain_ecf.replay(case["case"], lesson, case["answers"])
        answers = [{"t": x["t"], "sample": x["sample"], "parameter": x["name"],
                    "quantity": pass_quantity(x["name"]), "value": x["value"]}
                   for x in case["answers"]]
        b = replay(c, lesson, answers, model(None, c))
        for (t, sample, name), (e, bl) in a["records"].items():
            q = pass_quantity(name)
            e2, b2 = b["records"][(t, f"{name} of sample {sample}", q)]
            assert same_bits(e, e2) and same_bits(bl, b2), (c["name"], t, sample, name)
            stats["chain_ecf"] += 1
        for (t, nm, q), v in a["params"].items():
            assert same_bits(v, b["records"][(t, nm, q)][1]), (c["name"], t, nm, q)
            stats["chain_ecf"] += 1


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------


def main() -> int:
    stats = {"ecf_agree": 0, "ecf_json": 0, "chain_ecf": 0, "second": 0, "replays": 0, "closest": math.inf}
    cache = {}
    out_cases = []
    own_stats = {mid: {"explained": 0, "ambiguous": 0, "others": {}} for mid in CATALOG}
    with np.errstate(all="ignore"):
        check_sample_grads()
        check_against_ecf_json(stats)
        check_against_chain_ecf_json(stats)
        specs = build_specs()
        names = [sp["case"]["name"] for sp in specs]
        assert len(names) == len(set(names)), "duplicate case names"
        covered = {sp["mistake"] for sp in specs if sp["mistake"]}
        assert covered == set(CATALOG), set(CATALOG) - covered
        convs = {}
        for sp in specs:
            if sp["mistake"]:
                convs.setdefault(sp["mistake"], set()).add(sp["case"]["convention"])
        assert {cv for s in convs.values() for cv in s} == {"lecture", "pytorch"}
        for mid in CATALOG:
            assert 1 <= sum(sp["mistake"] == mid for sp in specs) <= 3, mid
        for sp in specs:
            lesson = cache.setdefault(sp["case"]["lesson"], mf.load_lesson(sp["case"]["lesson"]))
            if sp["mistake"] == "batch-sum":
                assert effective_batch(sp["case"], len(lesson["X"])) >= 2
            obj, ids = build_case(sp, lesson, stats)
            out_cases.append(obj)
            mid = sp["mistake"]
            if mid:
                for e in obj["expected"]:
                    if mid in e["explained_by"]:
                        s = own_stats[mid]
                        s["explained"] += 1
                        others = [o for o in e["explained_by"] if o != mid]
                        if others:
                            s["ambiguous"] += 1
                            for o in others:
                                s["others"][o] = s["others"].get(o, 0) + 1
    doc = {
        "generated_by": "Tests/Fixtures/reference/make_misconception_fixtures.py",
        "tolerance": {"rule": "|answer - e| <= atol + rtol*|e|", "atol": ATOL,
                      "rtol": {"g": RTOL["g"], "other": RTOL_DEFAULT}},
        "catalog": list(CATALOG),
        "cases": out_cases,
    }
    text = mf.dump(doc)
    assert json.loads(text)["cases"][0]["name"] == out_cases[0]["name"]
    OUT.write_text(text, encoding="utf-8", newline="\n")
    n_asked = sum(len(o["expected"]) for o in out_cases)
    n_ex = sum(1 for o in out_cases for e in o["expected"] if e["explained_by"])
    print(f"wrote {OUT.relative_to(HERE.parent.parent.parent)}: {len(out_cases)} cases, "
          f"{n_asked} asked values ({n_ex} with a non-empty explained_by)")
    print(f"  ok: right-formula replay == make_ecf_fixtures.replay bit for bit: {stats['ecf_agree']} values "
          f"(these cases), {stats['ecf_json']} values (every case of ecf.json)")
    print(f"  ok: right-formula replay == make_chain_ecf_fixtures.replay bit for bit: {stats['chain_ecf']} values "
          "(every case of chain-ecf.json)")
    print(f"  ok: {stats['replays']} mistaken replays; {stats['second']} values against the second "
          "implementations (vectorised chain rule, catalog formulas in plain floats)")
    print(f"  ok: no deciding comparison within a factor {MARGIN} of the tolerance's edge (closest: a factor "
          f"{math.exp(stats['closest']):.3f})")
    print("  per id: asked values it explains in its own cases / of those also explained by another id")
    for mid in CATALOG:
        s = own_stats[mid]
        others = ", ".join(f"{o} {n}" for o, n in sorted(s["others"].items()))
        print(f"    {mid}: {s['explained']} / {s['ambiguous']}" + (f" ({others})" if others else ""))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError:
        traceback.print_exc()
        print("make_misconception_fixtures.py: a self-check failed; nothing written", file=sys.stderr)
        sys.exit(1)
