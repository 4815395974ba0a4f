-- wrk script: a mix of list, detail and claim reads over the generated projects.
-- Paths come from the environment: PROJECTS (how many P000001… exist) and TOKEN.
local token = os.getenv("TOKEN")
local projects = tonumber(os.getenv("PROJECTS") or "100")
local mode = os.getenv("MODE") or "mix"
local counter = 0
-- The projects whose claim version 1 the claim mode reads: CLAIM_PROJECTS (codes separated by
-- spaces) when the caller sees only some of them (a bureau), else P000001… up to 20.
local claimProjects = {}
for code in string.gmatch(os.getenv("CLAIM_PROJECTS") or "", "%S+") do table.insert(claimProjects, code) end
if #claimProjects == 0 then
  for i = 1, math.min(projects, 20) do table.insert(claimProjects, string.format("P%06d", i)) end
end

-- The projects the detail and the computation read: PROJECT_CODES (codes separated by spaces)
-- when the caller sees only some (a bureau), else P000001… up to PROJECTS.
local projectCodes = {}
for code in string.gmatch(os.getenv("PROJECT_CODES") or "", "%S+") do table.insert(projectCodes, code) end

local function project()
  counter = counter + 1
  if #projectCodes > 0 then return projectCodes[(counter * 7919) % #projectCodes + 1] end
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
    path = "/api/v1/projects/" .. claimProjects[counter % #claimProjects + 1] .. "/claims/1"
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
