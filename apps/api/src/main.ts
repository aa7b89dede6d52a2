console.log('topicops api: not yet implemented');
