#!/usr/bin/env python3
"""Independent reference implementation that writes the `trace` test fixtures.

What this is
------------
A small, deliberately plain Python re-implementation of what `trace` computes
(forward pass, chain rule, batch-mean gradients, the ten optimizers in the
`lecture` and `pytorch` conventions, batching and shuffling, divergence).  It was
written from /work/shared/{lecture,contract,conventions}.md only, without looking
at the Swift engine, so that the files it writes are independent ground truth.

    lessons/*.yaml        input lessons (contract YAML: title, summary, model, data)
    cases.json            the cases (written by this script from CASES below)
    expected/<case>.json  one trace per case (written by this script)

How to rerun
------------
    python3 Tests/Fixtures/reference/make_fixtures.py

from any directory (paths are resolved relative to this file).  Needs Python 3.11,
numpy and PyYAML.  The output is deterministic: two runs write the same bytes.
To add or change a case, edit build_cases() below (cases.json is regenerated from it);
to change a network or data, edit lessons/*.yaml.  Stale expected/*.json files
that no longer belong to a case are removed.

Before writing anything the script checks itself: the SplitMix64 and
xoshiro256** published vectors, the gradient of every lesson against central
finite differences (also with the L2 penalty, for every lesson and l2 a case
uses), every case against a second, vectorised (numpy matrix) implementation
(batches, eta_t, loss, g_raw, g, w_new), the Mazur sanity numbers quoted in
contract.md, and hand-checkable facts about the schedule and L2 cases.

Exact conventions (the Swift engine is tested against these to 1e-12 relative)
------------------------------------------------------------------------------
Arithmetic is IEEE double, one operation at a time, in exactly this order:

* Layer l: z[j] = (((0 + W[j][1]*a[1]) + W[j][2]*a[2]) + ...) + b[j]; a = f(z).
  Biases default to zeros.  identity a = z; sigmoid a = 1/(1+exp(-z));
  tanh a = tanh(z); relu a = z if z > 0 else 0 (NaN stays NaN).
  f'(z): identity 1; sigmoid a*(1-a); tanh 1 - a*a; relu 1 if z > 0 else 0.
  exp, tanh and log are the C library's (Python's math module), not numpy's SIMD
  loops, so they match Swift's Foundation functions on the same machine.
* softmax (last layer only, with cross_entropy), written as the lecture defines it:
  a[k] = exp(z[k]) / (sum_j exp(z[j])), the sum in j order from 0, no shift by max(z).
  Its derivative is the full Jacobian da[j]/dz[k] = a[j]*((1 if j == k else 0) - a[k]).
* cross_entropy: L = -(sum_k y[k]*ln(yhat[k])) over the k with y[k] != 0 (0*ln 0 = 0);
  dL/dyhat[j] = -y[j]/yhat[j]; the output delta is the chain rule through the Jacobian,
  delta[k] = sum_j dL/dyhat[j]*da[j]/dz[k] (j order from 0), NOT the simplification
  yhat - y, which the Swift engine uses: the two agree only if the derivation is right.
  Targets: a one-hot row, or [k] (class number from 1), which becomes the one-hot row.
* model.fixed (optional): "biases" or parameter names (W1[1,2], b2[1]) kept out of the
  update: the optimizer's formulas run for them as for every parameter (their state
  advances, recorded as usual), and then w_new = w.
* Per-sample loss, yhat = last layer's a, K outputs, sums in k order from 0:
  half_sse 0.5*sum (y-yhat)*(y-yhat); mse (sum (y-yhat)*(y-yhat)) / K;
  bce -(sum (y*ln(yhat) + (1-y)*ln(1-yhat))).
  dL/dyhat: half_sse yhat-y; mse (2*(yhat-y))/K; bce (yhat-y)/(yhat*(1-yhat)).
* Output delta = dL/dyhat * f'; hidden delta[j] = (sum_k W_next[k][j]*delta_next[k],
  in k order from 0) * f'.  Per-sample gradient: weight delta[j]*a_prev[i],
  bias delta[j].  The bce/sigmoid delta is computed literally, not simplified.
* Batch loss = (sum of sample losses in batch order, from 0) / B; batch gradient
  g = (sum of per-sample gradients in batch order, from 0) / B.
* Parameter order: for l = 1..L, for unit j: W{l}[j,1], W{l}[j,2], ..., b{l}[j].
* Batching: B = n for "full"; bpe = ceil(n/B); update t (from 1) uses epoch
  (t-1)//bpe + 1 and order[k*B : min((k+1)*B, n)] with k = (t-1) % bpe.  Without
  a seed order = 0..n-1.  With shuffle_seed: one xoshiro256** generator (state =
  four SplitMix64 outputs of the seed) for the whole run; at the start of every
  epoch order = 0..n-1, then Fisher-Yates for i = n-1 down to 1:
  j = uniform(i+1), swap; uniform(bound) rejects r < (2**64 - bound) % bound and
  returns r % bound.
* Optimizers (state starts at 0, t from 1, w = weight before the update):
  gd/sgd/minibatch: w - eta*g.
  momentum lecture: v = beta*v + (1-beta)*g; w - eta*v.
           pytorch: v = g at t = 1 else beta*v + g; w - eta*v.
  nesterov lecture: v = beta*v + (1-beta)*g; w - eta*(beta*v + (1-beta)*g).
           pytorch: v = g at t = 1 else beta*v + g; w - eta*(g + beta*v).
  adagrad  lecture: s = s + g*g; w - (eta/sqrt(s+epsilon))*g.
           pytorch: s = s + g*g; w - (eta*g)/(sqrt(s)+epsilon).
  rmsprop  lecture: ss = rho*ss + (1-rho)*(g*g); w - (eta/sqrt(ss+epsilon))*g.
           pytorch: same ss; w - (eta*g)/(sqrt(ss)+epsilon).
  adam: m = beta1*m + (1-beta1)*g; v = beta2*v + (1-beta2)*(g*g);
        m_hat = m/(1 - beta1**t); v_hat = v/(1 - beta2**t)  (** is C pow());
        lecture w - (eta/sqrt(v_hat+epsilon))*m_hat;
        pytorch w - (eta*m_hat)/(sqrt(v_hat)+epsilon).
  adamw: same m, v, m_hat, v_hat;
        lecture (w - (eta/sqrt(v_hat+epsilon))*m_hat) - (eta*lambda)*w;
        pytorch w*(1 - eta*lambda) - (eta*m_hat)/(sqrt(v_hat)+epsilon).
  amsgrad: same m, v, m_hat; max(a, b) is b if b > a else a, nan if either is nan;
        lecture v_hat = v/(1 - beta2**t); v_max = max(v_max, v_hat);
                w - (eta/sqrt(v_max+epsilon))*m_hat  (the lecture's Adam with v_max,
                as conventions.md documents it: optax.amsgrad with eps_root);
        pytorch v_max = max(v_max, v); v_hat = v_max/(1 - beta2**t);
                w - (eta*m_hat)/(sqrt(v_hat)+epsilon)  (torch.optim.Adam(amsgrad=True)'s
                documented algorithm).  Recorded in that order: m, v, m_hat, then
                v_hat, v_max (lecture) or v_max, v_hat (pytorch).
* Optional case keys (absent or null: constant eta, no L2; the cases that
  predate them omit both, so their files are unchanged):
  schedule: {"name": "step", "gamma": G, "every": K} or
            {"name": "cosine", "eta_min": M, "period": T}  (K, T integers).
    eta_t, in plain Python floats, with eta the case's eta and t from 1:
      step:   k = math.floor((t - 1) / K)  (float division, an int);
              eta_t = eta * gamma ** k.
      cosine: eta_t = eta_min + 0.5 * (eta - eta_min)
                      * (1 + math.cos(math.pi * min(t - 1, T) / T))
              (evaluated left to right as Python does; eta_min once t - 1 >= T;
              at t = 1 it can differ from eta in the last bit, e.g. eta 0.01,
              eta_min 0.001 give 0.010000000000000002).
    eta_t replaces eta everywhere in update t's formula above, including
    AdamW's (eta*lambda)*w and w*(1 - eta*lambda).  The step's "eta" is eta_t.
  l2: X >= 0, coupled weight decay: the objective is the data loss plus
    (X/2)*w*w for every parameter, biases included.  g_raw = the batch-mean
    gradient above; g = g_raw + X*w (w before the update), and g is what the
    optimizer uses and its state accumulates (m, v, s, ss).  The step records
    "g_raw" (only in cases with l2, just before "g") and "g" = g_raw + X*w.
    The recorded loss (batch and sample) is the data loss, WITHOUT the penalty.
  A trace of a case with these keys repeats them after "hyperparameters".
* Divergence: after a step is computed in full, if any value of it (a sample's
  z, a, delta or loss, the batch loss, any g_raw, g, state or w_new) is not finite, the
  step is recorded, diverged_at = t, and the run stops.  Otherwise null.
* JSON: insertion-ordered keys, indent 1, floats as Python's shortest round-trip
  repr, non-finite values as the strings "nan", "inf", "-inf" (strict JSON).
  Sample indices and batches are 1-based.
"""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
LESSONS = HERE / "lessons"
EXPECTED = HERE / "expected"

F = np.float64
MASK64 = (1 << 64) - 1

OPTIMIZERS = ("gd", "sgd", "minibatch", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "amsgrad")
HYPER_KEYS = {
    "gd": ("eta",),
    "sgd": ("eta",),
    "minibatch": ("eta",),
    "momentum": ("eta", "beta"),
    "nesterov": ("eta", "beta"),
    "adagrad": ("eta", "epsilon"),
    "rmsprop": ("eta", "rho", "epsilon"),
    "adam": ("eta", "beta1", "beta2", "epsilon"),
    "adamw": ("eta", "beta1", "beta2", "epsilon", "lambda"),
    "amsgrad": ("eta", "beta1", "beta2", "epsilon"),
}
STATE_KEYS = {
    "gd": (), "sgd": (), "minibatch": (),
    "momentum": ("v",),
    "nesterov": ("v",),
    "adagrad": ("s",),
    "rmsprop": ("ss",),
    "adam": ("m", "v", "m_hat", "v_hat"),
    "adamw": ("m", "v", "m_hat", "v_hat"),
    "amsgrad": ("m", "v", "m_hat", "v_hat", "v_max"),
}


def recorded_state_keys(opt: str, conv: str) -> tuple:
    """The state in the order a step computes it: STATE_KEYS, but PyTorch's AMSGrad
    takes v_max before its v_hat (v_hat = v_max/(1 - beta2**t))."""
    if opt == "amsgrad" and conv == "pytorch":
        return ("m", "v", "m_hat", "v_max", "v_hat")
    return STATE_KEYS[opt]

# ---------------------------------------------------------------------------
# Cases.  cases.json is written from this list.
# ---------------------------------------------------------------------------

ADAM = {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}


def case(name, lesson, optimizer, convention, hyper, steps, batch_size, shuffle_seed=None,
         schedule=None, l2=None):
    c = {
        "name": name,
        "lesson": f"lessons/{lesson}.yaml",
        "optimizer": optimizer,
        "convention": convention,
        "hyperparameters": {k: float(hyper[k]) for k in HYPER_KEYS[optimizer]},
        "steps": steps,
        "batch_size": batch_size,
        "shuffle_seed": shuffle_seed,
    }
    # Optional keys, written only when set (absent means null: constant eta, no L2),
    # so the cases that predate them are unchanged in cases.json.
    if schedule is not None:
        c["schedule"] = schedule
    if l2 is not None:
        c["l2"] = float(l2)
    return c


def step_schedule(gamma, every):
    return {"name": "step", "gamma": float(gamma), "every": int(every)}


def cosine_schedule(eta_min, period):
    return {"name": "cosine", "eta_min": float(eta_min), "period": int(period)}


def build_cases():
    cases = []
    # The classic Mazur example.
    cases.append(case("mazur-gd", "mazur-2-2-1", "gd", "lecture", {"eta": 0.5}, 4, "full"))
    cases.append(case("mazur-adam-lecture", "mazur-2-2-1", "adam", "lecture",
                      {"eta": 0.001, **ADAM}, 3, "full"))
    cases.append(case("mazur-adam-pytorch", "mazur-2-2-1", "adam", "pytorch",
                      {"eta": 0.001, **ADAM}, 3, "full"))
    # Every optimizer in both conventions on the four-sample 2-2-1 net, 7 steps.
    grid = [
        ("gd", {"eta": 0.5}, "full"),
        ("sgd", {"eta": 0.3}, 1),
        ("minibatch", {"eta": 0.4}, 3),
        ("momentum", {"eta": 0.2, "beta": 0.9}, 2),
        ("nesterov", {"eta": 0.2, "beta": 0.9}, 2),
        ("adagrad", {"eta": 0.1, "epsilon": 1e-6}, 2),
        ("rmsprop", {"eta": 0.01, "rho": 0.9, "epsilon": 1e-6}, "full"),
        ("adam", {"eta": 0.01, **ADAM}, 2),
        ("adamw", {"eta": 0.01, **ADAM, "lambda": 0.01}, 3),
        # beta2 0.9 and one sample per update, so that v and v_hat fall and the maximum is
        # taken within the 7 steps (check_amsgrad_maximum asserts it)
        ("amsgrad", {"eta": 0.01, "beta1": 0.9, "beta2": 0.9, "epsilon": 1e-8}, 1),
    ]
    for opt, hyper, bs in grid:
        for conv in ("lecture", "pytorch"):
            cases.append(case(f"2-2-1-{opt}-{conv}", "tanh-sigmoid-2-2-1", opt, conv, hyper, 7, bs))
    # Adam with a large learning rate.
    cases.append(case("2-2-1-adam-eta0.1-lecture", "tanh-sigmoid-2-2-1", "adam", "lecture",
                      {"eta": 0.1, **ADAM}, 6, 2))
    cases.append(case("2-2-1-adam-eta0.1-pytorch", "tanh-sigmoid-2-2-1", "adam", "pytorch",
                      {"eta": 0.1, **ADAM}, 6, 2))
    # Single neuron.
    cases.append(case("1-1-sgd", "single-neuron-1-1", "sgd", "lecture", {"eta": 0.05}, 7, 1))
    cases.append(case("1-1-momentum-lecture", "single-neuron-1-1", "momentum", "lecture",
                      {"eta": 0.1, "beta": 0.8}, 5, "full"))
    # Divergence.
    cases.append(case("1-1-diverge-gd", "diverge-1-1", "gd", "lecture", {"eta": 50.0}, 400, "full"))
    # Single layer, two outputs, mse; two shuffled cases.
    cases.append(case("3-2-mse-gd", "linear-3-2-mse", "gd", "lecture", {"eta": 0.3}, 4, "full"))
    cases.append(case("3-2-mse-minibatch-shuffle42", "linear-3-2-mse", "minibatch", "lecture",
                      {"eta": 0.2}, 6, 2, 42))
    cases.append(case("3-2-mse-rmsprop-pytorch-shuffle7", "linear-3-2-mse", "rmsprop", "pytorch",
                      {"eta": 0.01, "rho": 0.9, "epsilon": 1e-8}, 6, 2, 7))
    cases.append(case("3-2-mse-adagrad-lecture", "linear-3-2-mse", "adagrad", "lecture",
                      {"eta": 0.1, "epsilon": 1e-8}, 5, 2))
    # Three layers, relu/tanh/sigmoid, bce.
    cases.append(case("2-3-2-1-bce-adam-lecture", "deep-2-3-2-1-bce", "adam", "lecture",
                      {"eta": 0.01, **ADAM}, 4, "full"))
    cases.append(case("2-3-2-1-bce-momentum-pytorch", "deep-2-3-2-1-bce", "momentum", "pytorch",
                      {"eta": 0.4, "beta": 0.9}, 5, 2))
    cases.append(case("2-3-2-1-bce-sgd", "deep-2-3-2-1-bce", "sgd", "lecture", {"eta": 0.15}, 6, 1))
    # 1-2-1 with relu.
    cases.append(case("1-2-1-relu-sgd", "relu-1-2-1", "sgd", "lecture", {"eta": 0.1}, 5, 1))
    cases.append(case("1-2-1-relu-adagrad-pytorch", "relu-1-2-1", "adagrad", "pytorch",
                      {"eta": 0.1, "epsilon": 1e-10}, 4, "full"))
    # Logistic regression, bce, no biases.
    cases.append(case("2-1-bce-gd", "logistic-2-1-bce", "gd", "lecture", {"eta": 0.5}, 4, "full"))
    cases.append(case("2-1-bce-adamw-lecture", "logistic-2-1-bce", "adamw", "lecture",
                      {"eta": 0.05, **ADAM, "lambda": 0.01}, 5, 2))

    # Learning-rate schedules.  Step decay.
    cases.append(case("sched-step-gd", "tanh-sigmoid-2-2-1", "gd", "lecture", {"eta": 0.5}, 6, "full",
                      schedule=step_schedule(0.5, 2)))
    cases.append(case("sched-step-momentum-lecture", "tanh-sigmoid-2-2-1", "momentum", "lecture",
                      {"eta": 0.2, "beta": 0.9}, 6, 2, schedule=step_schedule(0.1, 3)))
    cases.append(case("sched-step-momentum-pytorch", "tanh-sigmoid-2-2-1", "momentum", "pytorch",
                      {"eta": 0.2, "beta": 0.9}, 6, 2, schedule=step_schedule(0.1, 3)))
    cases.append(case("sched-step-adam-pytorch", "tanh-sigmoid-2-2-1", "adam", "pytorch",
                      {"eta": 0.1, **ADAM}, 5, 2, schedule=step_schedule(0.5, 1)))
    # Cosine annealing (t - 1 >= period sits at eta_min).
    cases.append(case("sched-cosine-sgd", "tanh-sigmoid-2-2-1", "sgd", "lecture", {"eta": 0.3}, 6, 1,
                      schedule=cosine_schedule(0.01, 4)))
    cases.append(case("sched-cosine-adamw-lecture", "tanh-sigmoid-2-2-1", "adamw", "lecture",
                      {"eta": 0.05, **ADAM, "lambda": 0.01}, 5, 2, schedule=cosine_schedule(0.0, 3)))
    cases.append(case("sched-cosine-adamw-pytorch", "tanh-sigmoid-2-2-1", "adamw", "pytorch",
                      {"eta": 0.05, **ADAM, "lambda": 0.01}, 5, 2, schedule=cosine_schedule(0.0, 3)))
    cases.append(case("sched-cosine-rmsprop-pytorch", "linear-3-2-mse", "rmsprop", "pytorch",
                      {"eta": 0.01, "rho": 0.9, "epsilon": 1e-8}, 6, 2, schedule=cosine_schedule(0.001, 5)))
    # Coupled L2 weight decay (g = g_raw + l2*w; the loss stays the data loss).
    cases.append(case("l2-gd", "tanh-sigmoid-2-2-1", "gd", "lecture", {"eta": 0.5}, 5, "full", l2=0.1))
    # "Adam with L2" from the lecture's AdamW section, same lesson, eta, batches and
    # steps as 2-1-bce-adamw-lecture (lambda 0.01), so the two can be compared.
    cases.append(case("l2-adam-lecture", "logistic-2-1-bce", "adam", "lecture",
                      {"eta": 0.05, **ADAM}, 5, 2, l2=0.01))
    # (eta 0.05, not the 0.1 of 1-2-1-relu-adagrad-pytorch: at t = 1 pytorch AdaGrad moves
    # every weight by about eta, and 0.1 would bring the +-0.1 biases to ~1e-9 by cancellation.)
    cases.append(case("l2-adagrad-pytorch", "relu-1-2-1", "adagrad", "pytorch",
                      {"eta": 0.05, "epsilon": 1e-10}, 4, "full", l2=0.05))
    cases.append(case("l2-sched-step-momentum-pytorch", "deep-2-3-2-1-bce", "momentum", "pytorch",
                      {"eta": 0.4, "beta": 0.9}, 5, 2, schedule=step_schedule(0.5, 2), l2=0.1))
    # Softmax with cross-entropy (targets one-hot and [k]).
    cases.append(case("softmax-2-2-3-gd", "softmax-2-2-3", "gd", "lecture", {"eta": 0.5}, 5, "full"))
    cases.append(case("softmax-2-2-3-sgd", "softmax-2-2-3", "sgd", "lecture", {"eta": 0.3}, 6, 1))
    cases.append(case("softmax-2-2-3-adam-lecture", "softmax-2-2-3", "adam", "lecture",
                      {"eta": 0.05, **ADAM}, 5, 2))
    cases.append(case("softmax-2-2-3-momentum-pytorch", "softmax-2-2-3", "momentum", "pytorch",
                      {"eta": 0.2, "beta": 0.9}, 5, 2, 11))
    # Fixed parameters: Mazur's example with the biases fixed, as the post runs it, and two
    # named parameters fixed under Adam (their state advances; w_new = w).
    cases.append(case("mazur-fixed-biases-gd", "mazur-fixed-biases", "gd", "lecture", {"eta": 0.5}, 4, "full"))
    cases.append(case("2-2-1-fixed-adam-lecture", "tanh-sigmoid-2-2-1-fixed", "adam", "lecture",
                      {"eta": 0.01, **ADAM}, 5, 2))
    return cases


# ---------------------------------------------------------------------------
# Random numbers: SplitMix64 seeding xoshiro256**.
# ---------------------------------------------------------------------------


class SplitMix64:
    def __init__(self, seed: int):
        self.x = seed & MASK64

    def next(self) -> int:
        self.x = (self.x + 0x9E3779B97F4A7C15) & MASK64
        z = self.x
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK64
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK64
        return z ^ (z >> 31)


def rotl(x: int, k: int) -> int:
    return ((x << k) | (x >> (64 - k))) & MASK64


class Xoshiro256StarStar:
    def __init__(self, seed: int | None = None, state: list[int] | None = None):
        if state is None:
            sm = SplitMix64(seed)
            state = [sm.next() for _ in range(4)]
        self.s = [v & MASK64 for v in state]

    def next(self) -> int:
        s = self.s
        result = (rotl((s[1] * 5) & MASK64, 7) * 9) & MASK64
        t = (s[1] << 17) & MASK64
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        return result

    def uniform(self, bound: int) -> int:
        threshold = ((1 << 64) - bound) % bound
        while True:
            r = self.next()
            if r >= threshold:
                return r % bound


def check_generators():
    sm = SplitMix64(1234567)
    got = [sm.next() for _ in range(5)]
    want = [6457827717110365317, 3203168211198807973, 9817491932198370423,
            4593380528125082431, 16408922859458223821]
    assert got == want, ("SplitMix64 test vector", got)
    # xoshiro256** from the state {1, 2, 3, 4} (reference C implementation).
    x = Xoshiro256StarStar(state=[1, 2, 3, 4])
    got = [x.next() for _ in range(4)]
    assert got == [11520, 0, 1509978240, 1215971899390074240], ("xoshiro256** vector", got)


def epoch_order(n: int, rng: Xoshiro256StarStar | None) -> list[int]:
    order = list(range(n))
    if rng is not None:
        for i in range(n - 1, 0, -1):
            j = rng.uniform(i + 1)
            order[i], order[j] = order[j], order[i]
    return order


# ---------------------------------------------------------------------------
# Scalar math with IEEE semantics everywhere (no Python exceptions).
# ---------------------------------------------------------------------------


def c_exp(x) -> F:
    x = float(x)
    if math.isnan(x):
        return F(math.nan)
    try:
        return F(math.exp(x))
    except OverflowError:
        return F(math.inf)


def c_tanh(x) -> F:
    return F(math.tanh(float(x)))


def c_log(x) -> F:
    x = float(x)
    if math.isnan(x) or x < 0:
        return F(math.nan)
    if x == 0:
        return F(-math.inf)
    return F(math.log(x))


def c_sqrt(x) -> F:
    return np.sqrt(F(x))  # correctly rounded; NaN for x < 0


def c_pow(x, y) -> F:
    # C pow(), as Python's float ** float and Swift's Foundation pow() use.
    return F(float(x) ** float(y))


def activate(name: str, z: F) -> F:
    if name == "identity":
        return z
    if name == "sigmoid":
        return F(1.0) / (F(1.0) + c_exp(-z))
    if name == "tanh":
        return c_tanh(z)
    if name == "relu":
        if np.isnan(z):
            return z
        return z if z > 0 else F(0.0)
    raise ValueError(name)


def softmax(z: list[F]) -> list[F]:
    e = [c_exp(zk) for zk in z]
    total = F(0.0)
    for ek in e:
        total = total + ek
    return [ek / total for ek in e]


def derivative(name: str, z: F, a: F) -> F:
    if name == "identity":
        return F(1.0)
    if name == "sigmoid":
        return a * (F(1.0) - a)
    if name == "tanh":
        return F(1.0) - a * a
    if name == "relu":
        return F(1.0) if z > 0 else F(0.0)
    raise ValueError(name)


def sample_loss(loss: str, y: list[F], yhat: list[F]) -> F:
    K = len(y)
    acc = F(0.0)
    if loss == "half_sse":
        for k in range(K):
            d = y[k] - yhat[k]
            acc = acc + d * d
        return F(0.5) * acc
    if loss == "mse":
        for k in range(K):
            d = y[k] - yhat[k]
            acc = acc + d * d
        return acc / F(K)
    if loss == "bce":
        for k in range(K):
            acc = acc + (y[k] * c_log(yhat[k]) + (F(1.0) - y[k]) * c_log(F(1.0) - yhat[k]))
        return -acc
    if loss == "cross_entropy":
        for k in range(K):
            if y[k] != 0:
                acc = acc + y[k] * c_log(yhat[k])
        return -acc
    raise ValueError(loss)


def loss_derivative(loss: str, y: F, yhat: F, K: int) -> F:
    if loss == "half_sse":
        return yhat - y
    if loss == "mse":
        return (F(2.0) * (yhat - y)) / F(K)
    if loss == "bce":
        return (yhat - y) / (yhat * (F(1.0) - yhat))
    if loss == "cross_entropy":
        return -y / yhat
    raise ValueError(loss)


# ---------------------------------------------------------------------------
# Lessons and the network.
# ---------------------------------------------------------------------------


def softmax_output_delta(loss: str, y: list[F], yhat: list[F]) -> list[F]:
    """A softmax output layer's δ_k = Σ_j ∂L/∂ŷ_j·ŷ_j·([j = k] − ŷ_k), the Jacobian written out
    (not the simplified ŷ − y, so the reference does not assume what it checks)."""
    K = len(yhat)
    dl = [loss_derivative(loss, y[j], yhat[j], K) for j in range(K)]
    out = []
    for k in range(K):
        acc = F(0.0)
        for j in range(K):
            acc = acc + dl[j] * (yhat[j] * ((F(1.0) if j == k else F(0.0)) - yhat[k]))
        out.append(acc)
    return out


def load_lesson(rel: str) -> dict:
    path = HERE / rel
    with open(path, encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    assert set(doc) <= {"title", "summary", "model", "data"}, (rel, set(doc))
    assert isinstance(doc["title"], str)
    model, data = doc["model"], doc["data"]
    assert {"loss", "layers"} <= set(model) <= {"loss", "layers", "fixed"} and set(data) == {"inputs", "targets"}, rel
    assert model["loss"] in ("half_sse", "mse", "bce", "cross_entropy"), rel
    layers = []
    n_prev = len(data["inputs"][0])
    for number, layer in enumerate(model["layers"], start=1):
        assert set(layer) <= {"activation", "weights", "biases"}, (rel, layer)
        assert layer["activation"] in ("identity", "sigmoid", "tanh", "relu", "softmax"), rel
        assert layer["activation"] != "softmax" or number == len(model["layers"]), (rel, "softmax not last")
        W = [[F(float(v)) for v in row] for row in layer["weights"]]
        assert all(len(row) == n_prev for row in W), (rel, "weights do not chain")
        b = layer.get("biases")
        b = [F(0.0)] * len(W) if b is None else [F(float(v)) for v in b]
        assert len(b) == len(W), rel
        layers.append({"activation": layer["activation"], "W": W, "b": b})
        n_prev = len(W)
    X = [[F(float(v)) for v in row] for row in data["inputs"]]
    if model["loss"] == "cross_entropy":
        assert layers[-1]["activation"] == "softmax", rel
        # [k] names the class (from 1): the one-hot row with a 1 at k.
        rows = []
        for row in data["targets"]:
            if len(row) == 1:
                assert isinstance(row[0], int) and 1 <= row[0] <= n_prev, (rel, row)
                row = [1 if k == row[0] else 0 for k in range(1, n_prev + 1)]
            assert sorted(row) == [0] * (n_prev - 1) + [1], (rel, "not one-hot", row)
            rows.append(row)
        data = {**data, "targets": rows}
    Y = [[F(float(v)) for v in row] for row in data["targets"]]
    assert len(X) == len(Y) and len(X) > 0, rel
    assert all(len(x) == len(X[0]) for x in X), rel
    assert all(len(y) == n_prev for y in Y), (rel, "targets do not match the outputs")
    if model["loss"] == "bce":
        assert layers[-1]["activation"] == "sigmoid", rel
    names = parameter_names(layers)
    fixed = model.get("fixed", [])
    assert isinstance(fixed, list), rel
    fixed_set = set()
    for entry in fixed:
        if entry == "biases":
            fixed_set |= {nm for nm in names if nm.startswith("b")}
        else:
            assert entry in names, (rel, entry)
            fixed_set.add(entry)
    return {"title": doc["title"], "loss": model["loss"], "layers": layers, "X": X, "Y": Y,
            "fixed": [nm for nm in names if nm in fixed_set]}


def parameter_names(layers) -> list[str]:
    names = []
    for l, layer in enumerate(layers, start=1):
        for j, row in enumerate(layer["W"], start=1):
            for i in range(1, len(row) + 1):
                names.append(f"W{l}[{j},{i}]")
            names.append(f"b{l}[{j}]")
    return names


def get_params(layers) -> list[F]:
    out = []
    for layer in layers:
        for j, row in enumerate(layer["W"]):
            out.extend(row)
            out.append(layer["b"][j])
    return out


def set_params(layers, values) -> list[dict]:
    it = iter(values)
    new = []
    for layer in layers:
        W, b = [], []
        for row in layer["W"]:
            W.append([next(it) for _ in row])
            b.append(next(it))
        new.append({"activation": layer["activation"], "W": W, "b": b})
    return new


def sample_pass(layers, loss: str, x: list[F], y: list[F]):
    """Forward and backward for one sample: (z, a, delta per layer, loss, gradient list)."""
    zs, as_ = [], []
    a_prev = x
    for layer in layers:
        z, a = [], []
        for j, row in enumerate(layer["W"]):
            acc = F(0.0)
            for i, w in enumerate(row):
                acc = acc + w * a_prev[i]
            zj = acc + layer["b"][j]
            z.append(zj)
            if layer["activation"] != "softmax":
                a.append(activate(layer["activation"], zj))
        if layer["activation"] == "softmax":
            a = softmax(z)
        zs.append(z)
        as_.append(a)
        a_prev = a
    yhat = as_[-1]
    K = len(yhat)
    L = sample_loss(loss, y, yhat)
    deltas = [None] * len(layers)
    last = layers[-1]["activation"]
    if last == "softmax":
        deltas[-1] = softmax_output_delta(loss, y, yhat)
    else:
        deltas[-1] = [loss_derivative(loss, y[k], yhat[k], K) * derivative(last, zs[-1][k], yhat[k])
                      for k in range(K)]
    for l in range(len(layers) - 2, -1, -1):
        Wn = layers[l + 1]["W"]
        dn = deltas[l + 1]
        d = []
        for j in range(len(zs[l])):
            acc = F(0.0)
            for k in range(len(Wn)):
                acc = acc + Wn[k][j] * dn[k]
            d.append(acc * derivative(layers[l]["activation"], zs[l][j], as_[l][j]))
        deltas[l] = d
    grads = []
    for l, layer in enumerate(layers):
        inp = x if l == 0 else as_[l - 1]
        for j, row in enumerate(layer["W"]):
            for i in range(len(row)):
                grads.append(deltas[l][j] * inp[i])
            grads.append(deltas[l][j])
    return zs, as_, deltas, L, grads


# ---------------------------------------------------------------------------
# Optimizers.
# ---------------------------------------------------------------------------


def learning_rate(schedule: dict | None, eta: float, t: int) -> float:
    """eta_t for update t (from 1), in plain Python floats, exactly as written."""
    if schedule is None:
        return eta
    if schedule["name"] == "step":
        gamma, K = schedule["gamma"], schedule["every"]
        k = math.floor((t - 1) / K)  # an int
        return eta * gamma ** k
    if schedule["name"] == "cosine":
        eta_min, T = schedule["eta_min"], schedule["period"]
        return eta_min + 0.5 * (eta - eta_min) * (1 + math.cos(math.pi * min(t - 1, T) / T))
    raise ValueError(schedule)


def optimizer_step(opt: str, conv: str, hp: dict, t: int, w: F, g: F, state: dict,
                   eta: F) -> tuple[dict, F]:
    """One parameter's update with learning rate eta (= eta_t).  Returns (new state, w_new)."""
    if opt in ("gd", "sgd", "minibatch"):
        return {}, w - eta * g
    if opt == "momentum":
        beta = F(hp["beta"])
        if conv == "lecture":
            v = beta * state["v"] + (F(1.0) - beta) * g
        else:
            v = g if t == 1 else beta * state["v"] + g
        return {"v": v}, w - eta * v
    if opt == "nesterov":
        beta = F(hp["beta"])
        if conv == "lecture":
            v = beta * state["v"] + (F(1.0) - beta) * g
            return {"v": v}, w - eta * (beta * v + (F(1.0) - beta) * g)
        v = g if t == 1 else beta * state["v"] + g
        return {"v": v}, w - eta * (g + beta * v)
    if opt == "adagrad":
        eps = F(hp["epsilon"])
        s = state["s"] + g * g
        if conv == "lecture":
            return {"s": s}, w - (eta / c_sqrt(s + eps)) * g
        return {"s": s}, w - (eta * g) / (c_sqrt(s) + eps)
    if opt == "rmsprop":
        rho, eps = F(hp["rho"]), F(hp["epsilon"])
        ss = rho * state["ss"] + (F(1.0) - rho) * (g * g)
        if conv == "lecture":
            return {"ss": ss}, w - (eta / c_sqrt(ss + eps)) * g
        return {"ss": ss}, w - (eta * g) / (c_sqrt(ss) + eps)
    if opt in ("adam", "adamw"):
        b1, b2, eps = F(hp["beta1"]), F(hp["beta2"]), F(hp["epsilon"])
        m = b1 * state["m"] + (F(1.0) - b1) * g
        v = b2 * state["v"] + (F(1.0) - b2) * (g * g)
        m_hat = m / (F(1.0) - c_pow(b1, t))
        v_hat = v / (F(1.0) - c_pow(b2, t))
        st = {"m": m, "v": v, "m_hat": m_hat, "v_hat": v_hat}
        if opt == "adam":
            if conv == "lecture":
                return st, w - (eta / c_sqrt(v_hat + eps)) * m_hat
            return st, w - (eta * m_hat) / (c_sqrt(v_hat) + eps)
        lam = F(hp["lambda"])
        if conv == "lecture":
            return st, (w - (eta / c_sqrt(v_hat + eps)) * m_hat) - (eta * lam) * w
        return st, w * (F(1.0) - eta * lam) - (eta * m_hat) / (c_sqrt(v_hat) + eps)
    if opt == "amsgrad":
        b1, b2, eps = F(hp["beta1"]), F(hp["beta2"]), F(hp["epsilon"])
        m = b1 * state["m"] + (F(1.0) - b1) * g
        v = b2 * state["v"] + (F(1.0) - b2) * (g * g)
        m_hat = m / (F(1.0) - c_pow(b1, t))
        if conv == "lecture":
            v_hat = v / (F(1.0) - c_pow(b2, t))
            v_max = nan_max(state["v_max"], v_hat)
            return ({"m": m, "v": v, "m_hat": m_hat, "v_hat": v_hat, "v_max": v_max},
                    w - (eta / c_sqrt(v_max + eps)) * m_hat)
        v_max = nan_max(state["v_max"], v)
        v_hat = v_max / (F(1.0) - c_pow(b2, t))
        return ({"m": m, "v": v, "m_hat": m_hat, "v_max": v_max, "v_hat": v_hat},
                w - (eta * m_hat) / (c_sqrt(v_hat) + eps))
    raise ValueError(opt)


def nan_max(a: F, b: F) -> F:
    """max(a, b) as torch.maximum takes it: nan if either is nan, else the larger."""
    if math.isnan(a) or math.isnan(b):
        return F("nan")
    return b if b > a else a


# ---------------------------------------------------------------------------
# A run.
# ---------------------------------------------------------------------------


def validate_case(c: dict):
    required = {"name", "lesson", "optimizer", "convention", "hyperparameters",
                "steps", "batch_size", "shuffle_seed"}
    assert required <= set(c) <= required | {"schedule", "l2"}, c
    sched = c.get("schedule")
    if sched is not None:
        if sched["name"] == "step":
            assert list(sched) == ["name", "gamma", "every"], c
            assert isinstance(sched["gamma"], float) and sched["gamma"] > 0, c
            assert isinstance(sched["every"], int) and sched["every"] >= 1, c
        else:
            assert sched["name"] == "cosine" and list(sched) == ["name", "eta_min", "period"], c
            assert isinstance(sched["eta_min"], float) and 0 <= sched["eta_min"] <= c["hyperparameters"]["eta"], c
            assert isinstance(sched["period"], int) and sched["period"] >= 1, c
    l2 = c.get("l2")
    assert l2 is None or (isinstance(l2, float) and l2 >= 0), c
    assert c["optimizer"] in OPTIMIZERS, c
    assert c["convention"] in ("lecture", "pytorch"), c
    assert tuple(c["hyperparameters"]) == HYPER_KEYS[c["optimizer"]], c
    assert isinstance(c["steps"], int) and c["steps"] >= 1, c
    bs = c["batch_size"]
    assert bs == "full" or (isinstance(bs, int) and bs >= 1), c
    if c["optimizer"] == "gd":
        assert bs == "full", c
    if c["optimizer"] == "sgd":
        assert bs == 1, c
    assert c["shuffle_seed"] is None or isinstance(c["shuffle_seed"], int), c


def run_case(c: dict, lesson: dict) -> dict:
    opt, conv, hp = c["optimizer"], c["convention"], c["hyperparameters"]
    schedule, l2 = c.get("schedule"), c.get("l2")
    X, Y, loss = lesson["X"], lesson["Y"], lesson["loss"]
    n = len(X)
    B = n if c["batch_size"] == "full" else min(c["batch_size"], n)
    bpe = -(-n // B)
    rng = Xoshiro256StarStar(c["shuffle_seed"]) if c["shuffle_seed"] is not None else None
    layers = lesson["layers"]
    names = parameter_names(layers)
    state = [{k: F(0.0) for k in STATE_KEYS[opt]} for _ in names]
    steps = []
    diverged_at = None
    order = None
    for t in range(1, c["steps"] + 1):
        epoch = (t - 1) // bpe + 1
        k = (t - 1) % bpe
        if k == 0:
            order = epoch_order(n, rng)
        batch = order[k * B: min((k + 1) * B, n)]
        values = []  # everything in this step, for the divergence check
        samples = []
        loss_acc = F(0.0)
        g_acc = [F(0.0)] * len(names)
        for s in batch:
            zs, as_, deltas, L, grads = sample_pass(layers, loss, X[s], Y[s])
            loss_acc = loss_acc + L
            g_acc = [ga + gs for ga, gs in zip(g_acc, grads)]
            samples.append({"index": s + 1, "x": X[s], "y": Y[s], "loss": L,
                            "layers": [{"z": z, "a": a, "delta": d} for z, a, d in zip(zs, as_, deltas)]})
            values.append(L)
            for z, a, d in zip(zs, as_, deltas):
                values.extend(z)
                values.extend(a)
                values.extend(d)
        batch_loss = loss_acc / F(len(batch))  # data loss; the L2 penalty is not in it
        g_raw = [ga / F(len(batch)) for ga in g_acc]
        w = get_params(layers)
        g = g_raw if l2 is None else [gr + F(l2) * wp for gr, wp in zip(g_raw, w)]
        eta_t = F(learning_rate(schedule, hp["eta"], t))
        w_new = []
        params = {}
        for p, name in enumerate(names):
            st, wn = optimizer_step(opt, conv, hp, t, w[p], g[p], state[p], eta_t)
            if name in lesson["fixed"]:
                wn = w[p]
            state[p] = st
            w_new.append(wn)
            entry = {"w": w[p]}
            if l2 is not None:
                entry["g_raw"] = g_raw[p]
            entry["g"] = g[p]
            entry.update({key: st[key] for key in recorded_state_keys(opt, conv)})
            entry["w_new"] = wn
            params[name] = entry
            values.extend(entry.values())
        values.append(batch_loss)
        steps.append({"t": t, "epoch": epoch, "batch": [s + 1 for s in batch], "eta": eta_t,
                      "loss": batch_loss, "parameters": params, "samples": samples})
        layers = set_params(layers, w_new)
        if not all(np.isfinite(v) for v in values):
            diverged_at = t
            break
    head = {"case": c["name"], "optimizer": opt, "convention": conv, "hyperparameters": dict(hp)}
    if schedule is not None:
        head["schedule"] = dict(schedule)
    if l2 is not None:
        head["l2"] = l2
    if lesson["fixed"]:
        head["fixed"] = list(lesson["fixed"])
    return {**head, "parameters": names, "steps": steps, "diverged_at": diverged_at}


# ---------------------------------------------------------------------------
# Independent self-checks.
# ---------------------------------------------------------------------------


def vectorised_run(c: dict, lesson: dict):
    """Second implementation with numpy matrices and whole-vector optimizer state.
    Returns a list per step of (batch, loss, eta_t, g_raw vector, g vector, w_new vector)."""
    opt, conv, hp = c["optimizer"], c["convention"], c["hyperparameters"]
    schedule, l2 = c.get("schedule"), c.get("l2") or 0.0
    X = [np.array(x, dtype=float) for x in lesson["X"]]
    Y = [np.array(y, dtype=float) for y in lesson["Y"]]
    n = len(X)
    B = n if c["batch_size"] == "full" else min(c["batch_size"], n)
    Ws = [np.array(layer["W"], dtype=float) for layer in lesson["layers"]]
    bs = [np.array(layer["b"], dtype=float) for layer in lesson["layers"]]
    acts = [layer["activation"] for layer in lesson["layers"]]
    f = {"identity": lambda z: z, "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
         "tanh": np.tanh, "relu": lambda z: np.maximum(z, 0),
         # The stable form here (the scalar run uses the plain one): the same numbers.
         "softmax": lambda z: np.exp(z - z.max()) / np.sum(np.exp(z - z.max()))}
    fp = {"identity": lambda z, a: np.ones_like(z), "sigmoid": lambda z, a: a * (1 - a),
          "tanh": lambda z, a: 1 - a ** 2, "relu": lambda z, a: (z > 0).astype(float)}
    rng = Xoshiro256StarStar(c["shuffle_seed"]) if c["shuffle_seed"] is not None else None

    def flat(gW, gb):
        return np.concatenate([np.hstack([gw, gbb[:, None]]).ravel() for gw, gbb in zip(gW, gb)])

    def unflat(vec):
        out_W, out_b, pos = [], [], 0
        for W in Ws:
            J, I = W.shape
            block = vec[pos:pos + J * (I + 1)].reshape(J, I + 1)
            out_W.append(block[:, :I].copy())
            out_b.append(block[:, I].copy())
            pos += J * (I + 1)
        return out_W, out_b

    w = flat(Ws, bs)
    P = len(w)
    m = np.zeros(P)
    v = np.zeros(P)
    v_top = np.zeros(P)  # AMSGrad's maximum
    out = []
    batches = []
    t = 0
    while len(batches) < c["steps"]:
        order = list(range(n))
        if rng is not None:
            for i in range(n - 1, 0, -1):
                j = rng.uniform(i + 1)
                order[i], order[j] = order[j], order[i]
        for start in range(0, n, B):
            batches.append(order[start:start + B])
    for batch in batches[:c["steps"]]:
        t += 1
        # Learning rate, written differently from learning_rate(): integer division,
        # numpy power and cosine, halving last.
        if schedule is None:
            eta = hp["eta"]
        elif schedule["name"] == "step":
            eta = hp["eta"] * np.power(schedule["gamma"], (t - 1) // schedule["every"])
        else:
            lo, T = schedule["eta_min"], schedule["period"]
            phase = np.pi * (T if t - 1 >= T else t - 1) / T
            eta = lo + (hp["eta"] - lo) * (1 + np.cos(phase)) / 2
        Wc, bc = unflat(w)
        total, gsum = 0.0, np.zeros(P)
        for s in batch:
            a_list, z_list = [X[s]], []
            for W, b, act in zip(Wc, bc, acts):
                z = W @ a_list[-1] + b
                z_list.append(z)
                a_list.append(f[act](z))
            yhat, y = a_list[-1], Y[s]
            K = len(y)
            if lesson["loss"] == "half_sse":
                total += 0.5 * np.sum((y - yhat) ** 2)
                dl = yhat - y
            elif lesson["loss"] == "mse":
                total += np.sum((y - yhat) ** 2) / K
                dl = 2 * (yhat - y) / K
            elif lesson["loss"] == "bce":
                total += -np.sum(y * np.log(yhat) + (1 - y) * np.log(1 - yhat))
                dl = (yhat - y) / (yhat * (1 - yhat))
            else:
                # log-softmax by log-sum-exp, and the Jacobian as a matrix.
                zl = z_list[-1]
                total += -np.sum(y * (zl - (zl.max() + np.log(np.sum(np.exp(zl - zl.max()))))))
                dl = -y / yhat
            if acts[-1] == "softmax":
                jacobian = np.diag(yhat) - np.outer(yhat, yhat)
                delta = jacobian.T @ dl
            else:
                delta = dl * fp[acts[-1]](z_list[-1], a_list[-1])
            gW, gb = [None] * len(Wc), [None] * len(Wc)
            for l in range(len(Wc) - 1, -1, -1):
                gW[l] = np.outer(delta, a_list[l])
                gb[l] = delta
                if l > 0:
                    delta = (Wc[l].T @ delta) * fp[acts[l - 1]](z_list[l - 1], a_list[l])
            gsum += flat(gW, gb)
        g_raw = gsum / len(batch)
        g = g_raw + l2 * w  # gradient of data loss + (l2/2)*|w|^2
        if opt in ("gd", "sgd", "minibatch"):
            w_new = w - eta * g
        elif opt == "momentum":
            beta = hp["beta"]
            if conv == "lecture":
                m = beta * m + (1 - beta) * g
            else:
                m = g.copy() if t == 1 else beta * m + g
            w_new = w - eta * m
        elif opt == "nesterov":
            beta = hp["beta"]
            if conv == "lecture":
                m = beta * m + (1 - beta) * g
                w_new = w - eta * (beta * m + (1 - beta) * g)
            else:
                m = g.copy() if t == 1 else beta * m + g
                w_new = w - eta * (g + beta * m)
        elif opt == "adagrad":
            v = v + g ** 2
            w_new = (w - eta * g / np.sqrt(v + hp["epsilon"]) if conv == "lecture"
                     else w - eta * g / (np.sqrt(v) + hp["epsilon"]))
        elif opt == "rmsprop":
            v = hp["rho"] * v + (1 - hp["rho"]) * g ** 2
            w_new = (w - eta * g / np.sqrt(v + hp["epsilon"]) if conv == "lecture"
                     else w - eta * g / (np.sqrt(v) + hp["epsilon"]))
        elif opt == "amsgrad":
            # the maximum of v_hat (lecture) or of v, corrected after (pytorch)
            m = hp["beta1"] * m + (1 - hp["beta1"]) * g
            v = hp["beta2"] * v + (1 - hp["beta2"]) * g ** 2
            mh = m / (1 - hp["beta1"] ** t)
            corr = 1 - hp["beta2"] ** t
            if conv == "lecture":
                v_top = np.fmax(v_top, v / corr)
                w_new = w - eta * mh / np.sqrt(v_top + hp["epsilon"])
            else:
                v_top = np.fmax(v_top, v)
                w_new = w - eta * mh / (np.sqrt(v_top / corr) + hp["epsilon"])
        else:
            m = hp["beta1"] * m + (1 - hp["beta1"]) * g
            v = hp["beta2"] * v + (1 - hp["beta2"]) * g ** 2
            mh = m / (1 - hp["beta1"] ** t)
            vh = v / (1 - hp["beta2"] ** t)
            step = (eta * mh / np.sqrt(vh + hp["epsilon"]) if conv == "lecture"
                    else eta * mh / (np.sqrt(vh) + hp["epsilon"]))
            w_new = w - step
            if opt == "adamw":
                w_new = w_new - eta * hp["lambda"] * w
        keep = np.array([nm in lesson["fixed"] for nm in parameter_names(lesson["layers"])])
        w_new = np.where(keep, w, w_new)
        out.append((batch, total / len(batch), eta, g_raw, g, w_new))
        w = w_new
    return out


def close(a, b, rtol=1e-9, atol=1e-14):
    return bool(np.all(np.abs(np.asarray(a) - np.asarray(b)) <= atol + rtol * np.abs(np.asarray(b))))


def check_against_vectorised(c, lesson, trace):
    ref = vectorised_run(c, lesson)
    names = trace["parameters"]
    assert len(ref) == c["steps"]
    for step, (batch, loss, eta, g_raw, g, w_new) in zip(trace["steps"], ref):
        if trace["diverged_at"] is not None:
            break  # the divergence case is checked by its own assertions
        assert step["batch"] == [s + 1 for s in batch], (c["name"], step["t"], "batch")
        assert close(step["eta"], eta, atol=0.0), (c["name"], step["t"], "eta", step["eta"], eta)
        assert close(step["loss"], loss), (c["name"], step["t"], "loss", step["loss"], loss)
        if c.get("l2") is not None:
            assert close([step["parameters"][nm]["g_raw"] for nm in names], g_raw), (c["name"], step["t"], "g_raw")
        else:
            assert all("g_raw" not in step["parameters"][nm] for nm in names), (c["name"], "g_raw")
        assert close([step["parameters"][nm]["g"] for nm in names], g), (c["name"], step["t"], "g")
        assert close([step["parameters"][nm]["w_new"] for nm in names], w_new), (c["name"], step["t"], "w_new")


def check_finite_differences(rel: str, lesson: dict, l2: float | None = None):
    """Analytic batch gradient (full batch) against central differences.  With l2, the
    objective is data loss + sum (l2/2)*w^2 over every parameter (biases included) and
    the analytic gradient is g_raw + l2*w, as run_case computes it."""
    layers, X, Y, loss = lesson["layers"], lesson["X"], lesson["Y"], lesson["loss"]
    w0 = get_params(layers)
    n = len(X)

    def batch(ws):
        ls = set_params(layers, ws)
        tot, gs = F(0.0), [F(0.0)] * len(ws)
        for x, y in zip(X, Y):
            _, _, _, L, gr = sample_pass(ls, loss, x, y)
            tot = tot + L
            gs = [a + b for a, b in zip(gs, gr)]
        obj, g_raw = tot / F(n), [v / F(n) for v in gs]
        if l2 is None:
            return obj, g_raw
        penalty = sum(0.5 * l2 * float(wv) * float(wv) for wv in ws)
        return obj + F(penalty), [gr + F(l2) * wv for gr, wv in zip(g_raw, ws)]

    _, g = batch(w0)
    h = 1e-6
    for p in range(len(w0)):
        wp = list(w0)
        wm = list(w0)
        wp[p] = wp[p] + h
        wm[p] = wm[p] - h
        num = (batch(wp)[0] - batch(wm)[0]) / (2 * h)
        assert abs(num - g[p]) <= 1e-7 + 1e-5 * abs(g[p]), (rel, p, float(num), float(g[p]))


def check_relu_and_cancellation(rel: str, lesson: dict, traces: list[dict]):
    """Fixture quality: relu units see both signs; no z is a near-total cancellation
    (which would make a 1e-12 relative comparison fragile)."""
    for trace in traces:
        for step in trace["steps"]:
            for smp in step["samples"]:
                for layer in smp["layers"]:
                    for z in layer["z"]:
                        if np.isfinite(z):
                            assert z == 0 or abs(z) > 1e-3, (trace["case"], step["t"], float(z))
    relu_layers = [l for l, layer in enumerate(lesson["layers"]) if layer["activation"] == "relu"]
    for l in relu_layers:
        zs = [z for trace in traces for step in trace["steps"] for smp in step["samples"]
              for z in smp["layers"][l]["z"]]
        assert any(z > 0 for z in zs) and any(z < 0 for z in zs), (rel, "relu sees one sign only")


def check_schedules_and_l2(cases: list[dict], traces: dict):
    """Hand-checkable facts about the schedule and L2 cases."""
    for c in cases:
        trace = traces[c["name"]]
        etas = [float(st["eta"]) for st in trace["steps"]]
        sched, l2 = c.get("schedule"), c.get("l2")
        if sched is None:
            assert all(e == c["hyperparameters"]["eta"] for e in etas), c["name"]
        elif sched["name"] == "cosine":
            T = sched["period"]
            # (eta - eta_min) then + eta_min can round: 0.01 -> 0.010000000000000002.
            assert close(etas[0], c["hyperparameters"]["eta"], rtol=1e-15, atol=0.0), c["name"]
            assert all(a > b for a, b in zip(etas[:T + 1], etas[1:T + 1])), (c["name"], etas)
            assert all(e == sched["eta_min"] for e in etas[T:]), (c["name"], etas)
        if l2 is not None:
            for st in trace["steps"]:
                for nm, p in st["parameters"].items():
                    assert p["g"] == p["g_raw"] + F(l2) * p["w"], (c["name"], st["t"], nm)
    etas = lambda name: [float(st["eta"]) for st in traces[name]["steps"]]
    assert etas("sched-step-gd") == [0.5, 0.5, 0.25, 0.25, 0.125, 0.125], etas("sched-step-gd")
    assert etas("sched-step-adam-pytorch") == [0.1, 0.05, 0.025, 0.0125, 0.00625]
    assert etas("sched-step-momentum-lecture")[:3] == [0.2] * 3
    assert etas("sched-cosine-sgd")[2] == 0.155  # halfway: 0.01 + 0.5*0.29*(1 + cos(pi/2))
    assert etas("sched-cosine-sgd")[4:] == [0.01, 0.01]
    # eta_t = 0 freezes AdamW completely, decoupled term included, in both conventions.
    for name in ("sched-cosine-adamw-lecture", "sched-cosine-adamw-pytorch"):
        for st in traces[name]["steps"][3:]:
            assert st["eta"] == 0.0, name
            assert all(p["w_new"] == p["w"] for p in st["parameters"].values()), (name, st["t"])
    # Lecture "Adam with L2" against AdamW (lambda = l2 = 0.01): same batches, same raw
    # gradient at t = 1, different updates.
    a, w = traces["l2-adam-lecture"], traces["2-1-bce-adamw-lecture"]
    assert a["hyperparameters"]["eta"] == w["hyperparameters"]["eta"]
    assert a["l2"] == w["hyperparameters"]["lambda"] == 0.01
    assert len(a["steps"]) == len(w["steps"])
    assert [st["batch"] for st in a["steps"]] == [st["batch"] for st in w["steps"]]
    for nm, p in a["steps"][0]["parameters"].items():
        q = w["steps"][0]["parameters"][nm]
        assert p["w"] == q["w"] and p["g_raw"] == q["g"], nm
    assert any(p["w_new"] != w["steps"][0]["parameters"][nm]["w_new"]
               for nm, p in a["steps"][0]["parameters"].items())


def check_softmax_and_fixed(traces: dict):
    """Facts from the definitions: the softmax outputs add up to 1, the output delta is
    yhat - y (derived, not assumed), and a fixed parameter keeps its value while the
    others move.  Mazur's post (fixed biases, eta 0.5) gives the weights after the first
    update to 9 digits, and 0.291027924 as the error after it, which the second step's
    loss shows to 1.5e-7 (0.2910277737: the post carried rounded intermediate values)."""
    for name in ("softmax-2-2-3-gd", "softmax-2-2-3-adam-lecture"):
        for st in traces[name]["steps"]:
            for smp in st["samples"]:
                out = smp["layers"][-1]
                assert abs(sum(out["a"]) - 1) < 1e-15, (name, out["a"])
                assert close(out["delta"], [a - y for a, y in zip(out["a"], smp["y"])], rtol=1e-13), name
                assert sum(smp["y"]) == 1 and set(smp["y"]) == {0.0, 1.0}, smp["y"]
    for name in ("mazur-fixed-biases-gd", "2-2-1-fixed-adam-lecture"):
        trace = traces[name]
        for st in trace["steps"]:
            for nm, p in st["parameters"].items():
                if nm in trace["fixed"]:
                    assert p["w_new"] == p["w"] and p["g"] != 0, (name, nm)
                else:
                    assert p["w_new"] != p["w"], (name, nm)
    assert traces["mazur-fixed-biases-gd"]["fixed"] == ["b1[1]", "b1[2]", "b2[1]", "b2[2]"]
    assert abs(traces["mazur-fixed-biases-gd"]["steps"][1]["loss"] - 0.291027924) < 2e-7
    w1 = traces["mazur-fixed-biases-gd"]["steps"][0]["parameters"]
    assert abs(w1["W1[1,1]"]["w_new"] - 0.149780716) < 5e-10 and abs(w1["W2[1,1]"]["w_new"] - 0.35891648) < 5e-9


def check_mazur(traces: dict):
    s1 = traces["mazur-adam-lecture"]["steps"][0]
    p = s1["parameters"]["W1[1,1]"]
    assert s1["loss"] == 0.2983711087600027, s1["loss"]
    assert p["g"] == 0.00043856773447434685, p["g"]
    assert p["w_new"] == 0.14902502377487878, p["w_new"]
    # The rest of contract.md's example.
    assert p["m"] == 4.3856773447434674e-05, p["m"]
    assert p["v"] == 1.9234165772196138e-10, p["v"]
    assert p["m_hat"] == 0.00043856773447434685, p["m_hat"]
    assert p["v_hat"] == 1.9234165772196122e-07, p["v_hat"]
    z = s1["samples"][0]["layers"][0]["z"]
    assert abs(z[0] - 0.3775) < 1e-15 and abs(z[1] - 0.3925) < 1e-15, z


# ---------------------------------------------------------------------------
# Output.
# ---------------------------------------------------------------------------


def to_json(value):
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (bool, str)) or value is None:
        return value
    if isinstance(value, (int, np.integer)) and not isinstance(value, (float, np.floating)):
        return int(value)
    x = float(value)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def dump(obj) -> str:
    return json.dumps(to_json(obj), indent=1, sort_keys=False, allow_nan=False, ensure_ascii=True) + "\n"


def check_amsgrad_maximum(cases, traces):
    """Every AMSGrad case takes its maximum somewhere: a v_max above the moment it is the
    maximum of (v_hat in the lecture's form, v in PyTorch's), or the case would not tell
    AMSGrad from Adam."""
    for c in cases:
        if c["optimizer"] != "amsgrad":
            continue
        current = "v_hat" if c["convention"] == "lecture" else "v"
        held = sum(p["v_max"] > p[current] for st in traces[c["name"]]["steps"] for p in st["parameters"].values())
        assert held > 0, (c["name"], "the maximum is never taken")
        print(f"{c['name']}: v_max above {current} at {held} parameter-steps")


def main() -> int:
    check_generators()
    cases = build_cases()
    names = [c["name"] for c in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    lessons = {}
    for c in cases:
        validate_case(c)
        if c["lesson"] not in lessons:
            lessons[c["lesson"]] = load_lesson(c["lesson"])
    for rel, lesson in lessons.items():
        check_finite_differences(rel, lesson)
    for rel, l2 in sorted({(c["lesson"], c["l2"]) for c in cases if c.get("l2") is not None}):
        check_finite_differences(rel, lessons[rel], l2)

    traces = {}
    with np.errstate(all="ignore"):
        for c in cases:
            trace = run_case(c, lessons[c["lesson"]])
            check_against_vectorised(c, lessons[c["lesson"]], trace)
            traces[c["name"]] = trace
    for rel, lesson in lessons.items():
        check_relu_and_cancellation(rel, lesson, [traces[c["name"]] for c in cases if c["lesson"] == rel])
    check_mazur(traces)
    check_softmax_and_fixed(traces)
    check_schedules_and_l2(cases, traces)
    check_amsgrad_maximum(cases, traces)
    div = traces["1-1-diverge-gd"]
    assert div["diverged_at"] is not None and div["diverged_at"] == len(div["steps"]) < 400, div["diverged_at"]
    for name, trace in traces.items():
        if name != "1-1-diverge-gd":
            assert trace["diverged_at"] is None, name

    EXPECTED.mkdir(exist_ok=True)
    wanted = set()
    for c in cases:
        text = dump(traces[c["name"]])
        json.loads(text)  # strict JSON round trip
        path = EXPECTED / f"{c['name']}.json"
        wanted.add(path.name)
        path.write_text(text, encoding="utf-8", newline="\n")
    for stale in EXPECTED.glob("*.json"):
        if stale.name not in wanted:
            stale.unlink()
    (HERE / "cases.json").write_text(dump(cases), encoding="utf-8", newline="\n")
    print(f"wrote {len(cases)} cases to {EXPECTED}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
