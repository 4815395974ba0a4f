import Hummingbird

/// What a form page shows besides its record: the fields as typed and the problems beside them
/// after a refused post (which answers 422), or the notice of a save that went through.
struct FormState {
    /// The fields as typed; nil shows the record as stored.
    var typed: [String: String]?
    var errors: [String: String] = [:]
    /// A save went through (`?done=1` on the page it redirects to).
    var done = false

    /// The page as its address asks for it: as stored, with the notice after a save.
    static func shown(_ request: Request) -> FormState {
        FormState(typed: nil, done: request.uri.queryParameters.get("done") == "1")
    }

    /// The form as it was posted, with what was wrong with it.
    static func refused(_ form: FormBody, _ errors: [String: String]) -> FormState {
        FormState(typed: form.typed, errors: errors)
    }

    var status: HTTPResponse.Status { errors.isEmpty ? .ok : .unprocessableContent }

    /// The values every form template reads: `form` (the fields shown), `errors`, `hasErrors`, `done`.
    func values(form: [String: String]) -> [String: Any] {
        ["form": form, "errors": errors, "hasErrors": !errors.isEmpty, "done": done]
    }
}

extension PageRenderer {
    /// A form page: its own `values` with the form's (`form` being the fields shown), answered
    /// with the status the form's state calls for.
    func page(
        _ template: String, title: String, values: [String: Any], form: [String: String], _ state: FormState, context: APIContext
    ) -> Response {
        page(template, title: title, values: values.merging(state.values(form: form)) { $1 }, context: context, status: state.status)
    }
}
