import { poolLayer } from './layers.ts'
import { defineScenarios } from './scenarios.ts'

defineScenarios(poolLayer)
