import FreshgroundWeb
import Testing

@Suite("Form fields carry their error message")
struct FieldSetTests {
    @Test func aRefusedCheckboxKeepsItsStateAndShowsWhyTiedToTheBox() {
        // setup: a submitted form whose box was ticked and refused
        var values = FormData()
        values.set("_submitted", "1")
        values.set("publicResults", "on")
        let fields = FieldSet(values: values, errors: ["publicResults": "Only a public group can publish results."])

        // act
        let html = fields.checkbox("publicResults", label: "Publish the result", checked: false).raw

        // check: still ticked, marked invalid, and the message is read with the box
        #expect(html.contains(" checked"))
        #expect(html.contains(#"aria-describedby="publicResults-error" aria-invalid="true""#))
        #expect(
            html.contains(
                #"<p class="field-error" id="publicResults-error">Only a public group can publish results.</p>"#
            )
        )
    }
}
