// SPDX-License-Identifier: MIT
#include "rundata.h"

namespace ui {

RunDataPtr computeRun(const sim::RunRequest& request, sim::RunControl* control)
{
    auto data = std::make_shared<RunData>();
    data->request = request;
    data->result = sim::simulate(request, &data->trace, {}, control);
    data->index = std::make_unique<sim::StateIndex>(data->trace);
    data->timeline = std::make_unique<sim::Timeline>(*data->index);
    return data;
}

} // namespace ui
