-- wrk script: a mix of list, detail and claim reads over the generated projects.
-- Paths come from the environment: PROJECTS (how many P000001… exist) and TOKEN.
local token = os.getenv("TOKEN")
local projects = tonumber(os.getenv("PROJECTS") or "100")
local mode = os.getenv("MODE") or "mix"
local counter = 0

local function project()
  counter = counter + 1
  return string.format("P%06d", (counter * 7919) % projects + 1)
end

request = function()
  local path
  local pick = mode
  if mode == "mix" then
    local r = counter % 10
    if r < 3 then pick = "list" elseif r < 6 then pick = "detail" elseif r < 9 then pick = "claim" else pick = "compute" end
  end
  if pick == "list" then
    path = "/api/v1/projects?limit=50&fiscal_year=2024"
    counter = counter + 1
  elseif pick == "detail" then
    path = "/api/v1/projects/" .. project()
  elseif pick == "claim" then
    path = "/api/v1/projects/" .. string.format("P%06d", counter % math.min(projects, 20) + 1) .. "/claims/1"
    counter = counter + 1
  else
    path = "/api/v1/projects/" .. project() .. "/claim-preview?as_of=2025-06-30"
  end
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT %s rps=%.1f p50_ms=%.2f p99_ms=%.2f errors=%d non2xx=%d requests=%d\n", mode,
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, summary.errors.status,
    summary.requests))
end
