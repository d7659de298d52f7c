import TraceEngine

extension EffectiveRate {
    /// What the rate multiplies and so what the step is, in a sentence: `g` for AdaGrad and
    /// RMSProp; `m̂` for Adam and AdamW, whose step is the rate times the bias-corrected average
    /// of the gradients, not g; `m` for Keras's Adam, which keeps no m̂. `decays`: the update also
    /// takes AdamW's weight decay off w.
    func meaning(decays: Bool) -> String {
        let decay = decays ? ", and the weight decay is taken off as well" : ""
        if direction == .g {
            return "The factor that multiplies each parameter's gradient g in its update, w_new = w − rate·g\(decay), from the same values as the update."
        }
        if direction == .mHat {
            return "The factor that multiplies each parameter's m̂, not its gradient g, in its update: w_new = w − rate·m̂\(decay). The step moves along m̂, the bias-corrected average of the gradients; the rate is from the same values as the update. At t = 1, m̂ = g and v̂ = g², so the first step is about η long whatever the size of g."
        }
        return "The factor that multiplies each parameter's \(direction.unicode), not its gradient g, in its update: w_new = w − rate·\(direction.unicode)\(decay). This convention keeps no m̂, so the rate holds both bias corrections; it is from the same values as the update."
    }
}
