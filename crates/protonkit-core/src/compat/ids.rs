//! The change ids: stable kebab-case names, each with its level under both policies and the
//! reason for it. The reasons are the documentation (`protonkit diff --explain ID`,
//! `docs/changes.md`); Proton never published its rule set, so every classification here
//! is ours and says why.

use super::{Level, Policy};

macro_rules! change_ids {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $id:literal, $contract:ident, $proton:ident;
    )*) => {
        /// What kind of change a [`Change`](super::Change) is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum ChangeId {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl ChangeId {
            /// Every change id, in documentation order.
            pub const ALL: &'static [ChangeId] = &[$(ChangeId::$variant),*];

            /// The stable kebab-case id, e.g. `input-removed`.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $(ChangeId::$variant => $id,)* }
            }

            /// The level under `policy`, before configured overrides.
            #[must_use]
            pub fn level(self, policy: Policy) -> Level {
                match (self, policy) {
                    $(
                        (ChangeId::$variant, Policy::Contract) => Level::$contract,
                        (ChangeId::$variant, Policy::Proton) => Level::$proton,
                    )*
                }
            }

            /// Why the change has its levels (Markdown).
            #[must_use]
            pub fn explain(self) -> String {
                let doc: &[&str] = match self { $(ChangeId::$variant => &[$($doc),*],)* };
                doc.iter()
                    .map(|l| l.strip_prefix(' ').unwrap_or(l))
                    .collect::<Vec<_>>()
                    .join("\n")
            }
        }
    };
}

impl ChangeId {
    /// The change id named `id`.
    #[must_use]
    pub fn find(id: &str) -> Option<ChangeId> {
        Self::ALL.iter().copied().find(|c| c.as_str() == id)
    }
}

impl std::fmt::Display for ChangeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

change_ids! {
    /// An `environment_input_type` or `service_input_type` appears where the schema had none.
    /// Specs written before carry no inputs and stay valid; required inputs the new type
    /// brings are reported as changes of their own.
    InputTypeAdded = "input-type-added", Minor, Minor;
    /// The `environment_input_type` or `service_input_type` is gone: specs that set inputs
    /// no longer validate, and templates lose every input they read.
    InputTypeRemoved = "input-type-removed", Major, Major;
    /// The `*_input_type` key names another type under `types`. Specs never name the type,
    /// so nothing they hold changes meaning and the properties are compared as usual.
    /// Whether Proton's registration check accepts the rename is not documented; if in
    /// doubt, set its level to `major` under `[compat] levels`.
    InputTypeRenamed = "input-type-renamed", Patch, Patch;
    /// The service template gains a pipeline input type. Whether a service has a pipeline
    /// is fixed per template major version: services created without a pipeline cannot get
    /// one in a minor version.
    PipelineInputTypeAdded = "pipeline-input-type-added", Major, Major;
    /// The service template loses its pipeline input type: services with a pipeline cannot
    /// move to a version without one.
    PipelineInputTypeRemoved = "pipeline-input-type-removed", Major, Major;
    /// A new input that is not required. Existing specs stay valid.
    InputAddedOptional = "input-added-optional", Minor, Minor;
    /// A new required input with a `default`. Proton fills the default in for specs that
    /// leave the input out, so no developer has to supply anything.
    InputAddedRequiredWithDefault = "input-added-required-with-default", Minor, Minor;
    /// A new required input without a `default`: every existing spec lacks it, so every
    /// developer must supply new information, which a minor version must not demand.
    InputAddedRequiredWithoutDefault = "input-added-required-without-default", Major, Major;
    /// An input is gone. Specs that set it now hold a key the schema does not know, and a
    /// rename is a removal plus an addition.
    InputRemoved = "input-removed", Major, Major;
    /// An optional input without a `default` became required: specs that left it out must
    /// now supply it.
    InputBecameRequired = "input-became-required", Major, Major;
    /// An optional input became required but has a `default`, which Proton fills in for
    /// specs that leave it out.
    InputBecameRequiredWithDefault = "input-became-required-with-default", Minor, Minor;
    /// A required input became optional. Every spec that was valid stays valid.
    InputBecameOptional = "input-became-optional", Minor, Minor;
    /// An input gained a `default`. Specs stay valid; specs that left an optional input out
    /// now deploy with the default.
    InputDefaultAdded = "input-default-added", Minor, Minor;
    /// An optional input lost its `default`. Specs stay valid, but templates that read the
    /// input must now cope with it being absent.
    InputDefaultRemoved = "input-default-removed", Minor, Minor;
    /// A required input lost its `default`: specs that relied on the default must now supply
    /// the value.
    InputDefaultRemovedFromRequired = "input-default-removed-from-required", Major, Major;
    /// An input's `default` changed. Specs stay valid, but resources that relied on the
    /// default change when they move to the new version: review it.
    InputDefaultChanged = "input-default-changed", Minor, Minor;
    /// An input's `type` changed (other than `integer` to `number`): values that were valid
    /// are not any more.
    InputTypeChanged = "input-type-changed", Major, Major;
    /// An input's `type` went from `integer` to `number`: every integer is a number, so
    /// every value that was valid stays valid.
    InputTypeWidened = "input-type-widened", Minor, Minor;
    /// An input became `nullable`: more values are accepted.
    InputNullableAdded = "input-nullable-added", Minor, Minor;
    /// An input is no longer `nullable`: specs that set it to `null` become invalid.
    InputNullableRemoved = "input-nullable-removed", Major, Minor;
    /// An input gained an `enum`: values outside it become invalid. Proton's registration
    /// check is documented to look only for new information it would demand, so the
    /// `proton` policy lets narrowed constraints through (with a warning).
    InputEnumAdded = "input-enum-added", Major, Minor;
    /// An input lost its `enum`: every value is accepted.
    InputEnumRemoved = "input-enum-removed", Minor, Minor;
    /// A value was removed from an input's `enum`: specs that chose it become invalid.
    InputEnumValueRemoved = "input-enum-value-removed", Major, Minor;
    /// A value was added to an input's `enum`: more values are accepted.
    InputEnumValueAdded = "input-enum-value-added", Minor, Minor;
    /// An input gained a `pattern`: values that do not match it become invalid.
    InputPatternAdded = "input-pattern-added", Major, Minor;
    /// An input's `pattern` changed: values that matched the old pattern may not match the
    /// new one (whether one pattern accepts everything the other does is not decided).
    InputPatternChanged = "input-pattern-changed", Major, Minor;
    /// An input lost its `pattern`: more values are accepted.
    InputPatternRemoved = "input-pattern-removed", Minor, Minor;
    /// An input gained a `format`: values that do not have it become invalid.
    InputFormatAdded = "input-format-added", Major, Minor;
    /// An input's `format` changed: values of the old format may not have the new one.
    InputFormatChanged = "input-format-changed", Major, Minor;
    /// An input lost its `format`: more values are accepted.
    InputFormatRemoved = "input-format-removed", Minor, Minor;
    /// An input's `minLength` was set or raised: shorter values become invalid.
    InputMinLengthIncreased = "input-min-length-increased", Major, Minor;
    /// An input's `minLength` was lowered or removed: more values are accepted.
    InputMinLengthDecreased = "input-min-length-decreased", Minor, Minor;
    /// An input's `maxLength` was set or lowered: longer values become invalid.
    InputMaxLengthDecreased = "input-max-length-decreased", Major, Minor;
    /// An input's `maxLength` was raised or removed: more values are accepted.
    InputMaxLengthIncreased = "input-max-length-increased", Minor, Minor;
    /// An input's lower bound (`minimum`, or `exclusiveMinimum` turned on) was set or
    /// raised: smaller values become invalid.
    InputMinimumIncreased = "input-minimum-increased", Major, Minor;
    /// An input's lower bound was lowered, relaxed or removed: more values are accepted.
    InputMinimumDecreased = "input-minimum-decreased", Minor, Minor;
    /// An input's upper bound (`maximum`, or `exclusiveMaximum` turned on) was set or
    /// lowered: larger values become invalid.
    InputMaximumDecreased = "input-maximum-decreased", Major, Minor;
    /// An input's upper bound was raised, relaxed or removed: more values are accepted.
    InputMaximumIncreased = "input-maximum-increased", Minor, Minor;
    /// An array input's `minItems` was set or raised: shorter lists become invalid.
    InputMinItemsIncreased = "input-min-items-increased", Major, Minor;
    /// An array input's `minItems` was lowered or removed: more lists are accepted.
    InputMinItemsDecreased = "input-min-items-decreased", Minor, Minor;
    /// An array input's `maxItems` was set or lowered: longer lists become invalid.
    InputMaxItemsDecreased = "input-max-items-decreased", Major, Minor;
    /// An array input's `maxItems` was raised or removed: more lists are accepted.
    InputMaxItemsIncreased = "input-max-items-increased", Minor, Minor;
    /// An array input gained `uniqueItems: true`: lists with repeated items become invalid.
    InputUniqueItemsAdded = "input-unique-items-added", Major, Minor;
    /// An array input lost `uniqueItems`: lists with repeated items are accepted.
    InputUniqueItemsRemoved = "input-unique-items-removed", Minor, Minor;
    /// An input's `description` changed. Descriptions document; they accept or reject
    /// nothing.
    InputDescriptionChanged = "input-description-changed", Patch, Patch;
    /// An input's `title` changed. Titles document; they accept or reject nothing.
    InputTitleChanged = "input-title-changed", Patch, Patch;
    /// An input's `example` changed. Examples document; they accept or reject nothing.
    InputExampleChanged = "input-example-changed", Patch, Patch;
    /// A template declares a new output (CloudFormation `Outputs`, Terraform `output`).
    /// Nothing that read the old outputs breaks.
    OutputAdded = "output-added", Minor, Minor;
    /// A template no longer declares an output that no template protonkit was shown reads.
    /// Templates elsewhere may still read it; pass the repository to find out.
    OutputRemoved = "output-removed", Minor, Minor;
    /// An environment template no longer declares an output that a service template in the
    /// same repository reads through `environment.outputs.NAME`: rendering that service
    /// fails on the new version. Proton never compares infrastructure files, so the
    /// `proton` policy lets it through (with a warning).
    OutputRemovedInUse = "output-removed-in-use", Major, Minor;
}
