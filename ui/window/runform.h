// SPDX-License-Identifier: MIT
#pragma once

#include "simulation.h"

#include <QString>

#include <variant>

namespace ui {

// What the run controls hold, exactly as typed. Kept as text so that an invalid field can
// be marked, and remembered, the way the user left it.
struct RunForm {
    sim::Scenario scenario = sim::Scenario::Chained;
    QString arguments = QStringLiteral("1 2 3"); // chained.py's argv, separated by spaces
    QString seed = QStringLiteral("444");
    qint64 producers = 5; // asyncq.py -p
    qint64 consumers = 10; // asyncq.py -c
    bool operator==(const RunForm&) const = default;
};

enum class RunField { Arguments, Seed, Producers, Consumers };

struct RunFormError {
    RunField field;
    QString message; // names the field and says what is wrong, e.g. "Seed “abc” is not a decimal integer"
};

// The request the form describes, or the first wrong field and why. Includes the limits
// check of sim::RunRequest::validate(), so a returned request can be simulated as is.
std::variant<sim::RunRequest, RunFormError> requestFromForm(const RunForm& form);

// The form that describes `request` (the inverse of requestFromForm for valid forms).
RunForm formFromRequest(const sim::RunRequest& request);

// The request's one-line description for titles: "chained 1 2 3 · seed 444".
QString describeRequest(const sim::RunRequest& request);

} // namespace ui
