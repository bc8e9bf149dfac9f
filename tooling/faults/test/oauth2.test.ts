import { oauth2Layer } from './layers.ts'
import { defineScenarios } from './scenarios.ts'

defineScenarios(oauth2Layer)
