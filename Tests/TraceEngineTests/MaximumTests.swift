import Testing
import TraceEngine

/// `max(a, b)` (AMSGrad's `v_max ← max(v_max, v̂)`) as `torch.maximum` and `jnp.maximum` take
/// it: the larger value, and NaN when either is NaN, so a run that diverges says so in
/// `v_max` too.
@Suite struct MaximumTests {
    @Test func theLargerOfTwo() {
        #expect(Expression.larger(1, 2) == 2)
        #expect(Expression.larger(2, 1) == 2)
        #expect(Expression.larger(-0.5, -0.25) == -0.25)
        #expect(Expression.larger(3, .infinity) == .infinity)
    }

    @Test func notANumberWhenEitherIsNot() {
        #expect(Expression.larger(.nan, 1).isNaN)
        #expect(Expression.larger(1, .nan).isNaN)
    }

    @Test func evaluatedOverEveryParameter() {
        var evaluator = Evaluator(parameterCount: 3)
        evaluator.vectors[.vMax] = [0.5, 0.1, .nan]
        evaluator.vectors[.vHat] = [0.25, 0.2, 0.3]
        guard case let .vector(values) = evaluator.evaluate(.maximum(.symbol(.vMax), .symbol(.vHat))) else {
            Issue.record("a vector's maximum is a vector")
            return
        }
        #expect(values[0] == 0.5 && values[1] == 0.2 && values[2].isNaN)
    }
}
