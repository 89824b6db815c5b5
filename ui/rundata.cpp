// SPDX-License-Identifier: MIT
#include "rundata.h"

namespace ui {

RunDataPtr computeRun(const sim::RunRequest& request, sim::RunControl* control)
{
    auto data = std::make_shared<RunData>();
    data->request = request;
    data->result = sim::simulate(request, &data->trace, {}, control);
    // A cancelled run is dropped: indexing a trace of millions of events would only delay
    // the moment the window is free again after the user pressed Cancel.
    if (data->result.status == sim::RunStatus::Cancelled || (control && control->cancelRequested))
        return nullptr;
    data->index = std::make_unique<sim::StateIndex>(data->trace);
    data->timeline = std::make_unique<sim::Timeline>(*data->index);
    return data;
}

} // namespace ui
