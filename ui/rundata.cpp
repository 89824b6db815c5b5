// SPDX-License-Identifier: MIT
#include "rundata.h"

#include "tracefile.h"

#include <future>

namespace ui {

namespace {
    std::shared_ptr<RunData> indexed(std::shared_ptr<RunData> data, Derived derived)
    {
        if (derived == Derived::TraceOnly)
            return data;
        // The index and the timeline each need the trace alone: the index is built on a
        // thread of its own meanwhile (not QtConcurrent's pool, which the run itself may be
        // using up; the command line links Qt Core only). The future joins it on every path.
        const sim::Trace& trace = data->trace;
        auto index = std::async(std::launch::async, [&trace] { return std::make_unique<sim::StateIndex>(trace); });
        data->timeline = std::make_unique<sim::Timeline>(trace);
        data->index = index.get();
        return data;
    }
}

RunDataPtr computeRun(const sim::RunRequest& request, sim::RunControl* control, Derived derived)
{
    auto data = std::make_shared<RunData>();
    data->request = request;
    data->listing = request.program->listing;
    data->result = sim::simulate(request, &data->trace, {}, control);
    // A cancelled run is dropped: indexing a trace of millions of events would only delay
    // the moment the window is free again after the user pressed Cancel.
    if (data->result.status == sim::RunStatus::Cancelled || (control && control->cancelRequested))
        return nullptr;
    return indexed(std::move(data), derived);
}

RunDataPtr runFromTraceFile(TraceFileContents&& contents, Derived derived)
{
    auto data = std::make_shared<RunData>();
    data->request = std::move(contents.request);
    data->result = contents.result;
    data->trace = std::move(contents.trace);
    data->listing = std::move(contents.listing);
    return indexed(std::move(data), derived);
}

} // namespace ui
