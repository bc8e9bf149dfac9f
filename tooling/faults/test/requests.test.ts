import { requestsLayer } from './layers.ts'
import { defineScenarios } from './scenarios.ts'

defineScenarios(requestsLayer)
