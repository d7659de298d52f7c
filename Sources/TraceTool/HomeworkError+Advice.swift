import TraceGrading
import TraceLessons

extension HomeworkError {
    /// The error as the command line says it. When no draw gave a usable variant, the advice
    /// names the flags that would help: asking fewer values first when most draws failed on an
    /// asked value (the more values asked, the likelier one of them cancels or is zero), the
    /// lesson's ranges or data first otherwise.
    func toolError(passesAsked: Bool) -> ToolError {
        var message = self.message
        if !rejections.isEmpty {
            let onAskedValues = rejections.filter { [.cancels, .zero, .unmoved].contains($0.reason) }.count
            let fewer = passesAsked
                ? "ask the passes at fewer updates (--steps 1) or fewer quantities (--ask)"
                : "ask about another parameter (--parameter) or fewer quantities (--ask)"
            let lesson = "change the lesson's 'variants:' ranges or its data"
            message += 2 * onAskedValues > rejections.count ? "; \(fewer), or \(lesson)" : "; \(lesson), or \(fewer)"
        }
        if let location { return .lesson(LessonError(location, message)) }
        return .usage(message)
    }
}
