module.exports = {
  displayName: 'pipeline',
  preset: '../../jest.preset.js',
  rootDir: '.',
  coverageDirectory: '../../coverage/libs/pipeline',
};
